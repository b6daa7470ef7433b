// The chair's console: the agenda with "activate" per item, quorum at a glance, deputies admitted
// online, polls created from presets, opened and closed, with live progress (who has not voted
// yet, for open polls) and the result. The poll being written survives changes of the current
// item (pollDraft.ts); the form is for the item it names: the current one, or one chosen under it
// (PollTarget). The current item's list of speakers and its timers: FloorPanel.
import { useEffect, useState } from "react";
import { api, call } from "../api/client";
import { ApiError, messageOf } from "../api/errors";
import type { AgendaItem } from "../api/types";
import { closePoll, listMeetingPolls, openPoll, type Poll } from "../api/voting";
import { paths } from "../app/routes";
import { useConfirm } from "../components/ConfirmDialog";
import { ConnectionIndicator } from "../components/ConnectionIndicator";
import { ErrorNotice } from "../components/ErrorNotice";
import { TopBar } from "../components/TopBar";
import { useAsync } from "../components/useAsync";
import { FloorPanel } from "../floor/FloorPanel";
import { listClosed } from "../floor/speakers";
import { useI18n } from "../i18n/I18nProvider";
import { useLiveMeeting } from "../live/LiveMeetingProvider";
import { samePoll } from "../live/polls";
import { AgendaTree } from "../meeting/AgendaTree";
import { AttendanceBar } from "../meeting/AttendanceBar";
import { currentItemId, findItem, itemLabel } from "../meeting/selectors";
import { ChairQuestions } from "../questions/ChairQuestions";
import { PollProgress } from "../voting/PollProgress";
import { ResultChart } from "../voting/ResultChart";
import { NotVotedList } from "./NotVotedList";
import { OnlineAttendance } from "./OnlineAttendance";
import { PollForm } from "./PollForm";
import { forItem, newDraft, pollTarget, type PollDraft, type TargetChoice } from "./pollDraft";
import { PollTarget } from "./PollTarget";

export default function ChairConsole({ meetingId }: { meetingId: number }) {
  const { t } = useI18n();
  const { state, status } = useLiveMeeting();
  const [choice, setChoice] = useState<TargetChoice | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { confirm, dialog } = useConfirm();
  const polls = useAsync(() => listMeetingPolls(meetingId), [meetingId]);
  const current = currentItemId(state);
  // The form is for the current item unless the chair chose another under this current item.
  const targetId = pollTarget(current, choice, state.agenda.map((item) => item.id));
  const selected = findItem(state.agenda, targetId);
  const choose = (itemId: number) => setChoice({ itemId, whileCurrent: current });

  // The poll being written is kept across item changes; its title follows the item's until typed.
  // (Adjusted while rendering, when the item's title changes: no render with a stale draft.)
  const [draft, setDraft] = useState<PollDraft | null>(null);
  const [draftTitle, setDraftTitle] = useState<string | undefined>(undefined);
  const selectedTitle = selected?.title;
  if (selectedTitle !== draftTitle) {
    setDraftTitle(selectedTitle);
    if (selectedTitle !== undefined) setDraft((known) => (known ? forItem(known, selectedTitle) : newDraft(selectedTitle)));
  }
  const livePoll = state.poll;
  const meeting = state.meeting;

  // The list of polls follows the live poll's state (opened, closed).
  const pollsReload = polls.reload;
  const livePollState = livePoll ? `${String(livePoll.id)}:${livePoll.state}` : null;
  useEffect(() => {
    if (livePollState !== null) pollsReload();
  }, [livePollState, pollsReload]);

  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(messageOf(failure, t("common.error")));
    } finally {
      setBusy(false);
    }
  }

  const activate = (item: AgendaItem) =>
    act(() => call(api.POST("/api/v1/agenda-items/{item_id}/activate", { params: { path: { item_id: item.id } } })));
  const transition = (action: "start" | "close") =>
    confirm(
      {
        title: t(`confirm.${action}.title`, { title: meeting?.title ?? "" }),
        message: t(`confirm.${action}.message`),
        confirmLabel: t(`chair.${action}`),
        danger: action === "close",
      },
      () =>
        void act(() =>
          call(
            action === "start"
              ? api.POST("/api/v1/meetings/{meeting_id}/start", { params: { path: { meeting_id: meetingId } } })
              : api.POST("/api/v1/meetings/{meeting_id}/close", { params: { path: { meeting_id: meetingId } } }),
          ),
        ),
    );
  const closeLivePoll = (poll: Poll) =>
    confirm(
      { title: t("confirm.closePoll.title", { title: poll.title }), message: t("confirm.closePoll.message"), confirmLabel: t("chair.closePoll"), danger: true },
      () => void act(() => closePoll(poll.id)),
    );
  // Not quorate: the server refuses (409 not_quorate) and says why; the chair may then override.
  const open = (poll: Poll) =>
    act(async () => {
      try {
        await openPoll(poll.id);
      } catch (failure) {
        if (!(failure instanceof ApiError) || failure.code !== "not_quorate") throw failure;
        confirm({ title: failure.message, message: t("chair.overrideQuorum"), confirmLabel: t("chair.openPoll"), danger: true }, () => void act(() => openPoll(poll.id, true)));
      }
    });

  const currentItem = findItem(state.agenda, current);
  const itemPolls = (polls.data ?? []).filter((poll) => selected && poll.agenda_item_id === selected.id);
  const votingUnavailable = polls.error != null;

  return (
    <div className="screen">
      <TopBar title={t("chair.title")} subtitle={meeting?.title} backTo={paths.meeting(meetingId)}>
        <ConnectionIndicator status={status} />
        {meeting?.state === "published" && (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => transition("start")}>
            {t("chair.start")}
          </button>
        )}
        {meeting?.state === "in_progress" && (
          <button type="button" className="button button--danger" disabled={busy} onClick={() => transition("close")}>
            {t("chair.close")}
          </button>
        )}
        {meeting?.state === "closed" && <span className="badge badge--closed">{t("meeting.state.closed")}</span>}
      </TopBar>
      {dialog}
      <div className="meeting-status">
        <AttendanceBar attendance={state.attendance} />
      </div>
      {error && <ErrorNotice message={error} />}
      <main className="meeting">
        <section className="meeting__agenda panel">
          <h2>{t("meeting.agenda")}</h2>
          <AgendaTree
            items={state.agenda}
            selectedId={selected?.id ?? null}
            onSelect={choose}
            renderActions={(item) =>
              item.state !== "current" && meeting?.state === "in_progress" ? (
                <button type="button" className="button agenda__activate" disabled={busy} onClick={() => void activate(item)}>
                  {t("chair.activate")}
                </button>
              ) : null
            }
          />
          <OnlineAttendance meetingId={meetingId} attendance={state.attendance} open={meeting?.state === "published" || meeting?.state === "in_progress"} />
        </section>
        <section className="meeting__documents panel">
          {currentItem && meeting?.state !== "closed" && (
            <FloorPanel itemId={currentItem.id} itemLabel={itemLabel(currentItem)} speakers={state.speakers} closed={listClosed(currentItem)} people={state.attendance?.items ?? []} />
          )}
          {meeting?.state === "in_progress" && <ChairQuestions itemId={current} speakers={state.speakers} />}
          {livePoll && livePoll.state !== "draft" && (
            <div className="card chair-poll">
              <h2>
                {t("chair.current")}: {livePoll.title}
              </h2>
              {livePoll.state === "open" && (
                <>
                  <PollProgress poll={livePoll} large />
                  <button type="button" className="button button--danger button--large" disabled={busy} onClick={() => closeLivePoll(livePoll)}>
                    {t("chair.closePoll")}
                  </button>
                  <NotVotedList poll={livePoll} />
                </>
              )}
              {livePoll.state === "closed" && livePoll.result && <ResultChart result={livePoll.result} />}
            </div>
          )}
          {votingUnavailable && <ErrorNotice message={t("chair.votingUnavailable", { message: messageOf(polls.error, "") })} />}
          {selected ? (
            <>
              <PollTarget agenda={state.agenda} targetId={selected.id} currentId={current} onChoose={choose} />
              {itemPolls.length > 0 && (
                <ul className="poll-list">
                  {itemPolls.map((poll) => (
                    <li key={String(poll.id)} className="card poll-row">
                      <span className="poll-row__title">{poll.title}</span>
                      <span className={`badge badge--poll-${poll.state}`}>{t(`chair.state.${poll.state}`)}</span>
                      {poll.state === "draft" && !(livePoll?.state === "open") && (
                        <button type="button" className="button button--primary" disabled={busy} onClick={() => void open(poll)}>
                          {t("chair.openPoll")}
                        </button>
                      )}
                      {poll.state === "closed" && poll.result && !(livePoll && samePoll(livePoll.id, poll.id)) && (
                        <span className={poll.result.passed ? "verdict verdict--passed" : "verdict verdict--failed"}>
                          {poll.result.passed ? t("result.passed") : t("result.failed")}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {!votingUnavailable && draft && <PollForm agendaItemId={selected.id} draft={draft} onDraft={setDraft} onCreated={() => polls.reload()} />}
            </>
          ) : (
            <p className="empty">{t("chair.noItem")}</p>
          )}
        </section>
      </main>
    </div>
  );
}
