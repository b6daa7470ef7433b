// A council's voter petitions: filters, overdue flagged, paging with `next`; for the secretariat
// also its meetings with voters (tiếp xúc cử tri), recording, importing, merging and assigning many
// at once. A respondent sees their agency's.
import { useState, type FormEvent } from "react";
import { messageOf } from "../api/errors";
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { canChair, canManage, roleIn } from "../auth/roles";
import { useSession } from "../auth/SessionProvider";
import { ErrorNotice } from "../components/ErrorNotice";
import { TopBar } from "../components/TopBar";
import { useAction } from "../components/useAction";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { assignMany, listAgencies, listVoterMeetings, mergePetitions, petitionDigest, petitionPage } from "./api";
import { AssignFields, EMPTY_ASSIGNMENT } from "./AssignFields";
import { ImportPetitions } from "./ImportPetitions";
import { PetitionDigest } from "./PetitionDigest";
import { PetitionLine } from "./PetitionLine";
import { assignmentOf, listPath, mergeTarget, NO_FILTERS, type AssignmentForm, type Filters } from "./petitions";
import { RecordPetition } from "./RecordPetition";
import { VoterMeetings } from "./VoterMeetings";
import { LEVELS, PETITION_STATES, type Level, type Petition, type PetitionPage, type PetitionState } from "./types";
import "./petitions.css";

function FilterBar({ filters, onChange, agencies, respondent }: { filters: Filters; onChange: (filters: Filters) => void; agencies: { id: number; name: string }[]; respondent: boolean }) {
  const { t } = useI18n();
  const [q, setQ] = useState(filters.q);
  const [field, setField] = useState(filters.field);
  function search(event: FormEvent) {
    event.preventDefault();
    onChange({ ...filters, q, field });
  }
  return (
    <form className="panel petition-filters" aria-label={t("petition.filters")} onSubmit={search}>
      <label className="field">
        <span>{t("petition.search")}</span>
        <input type="search" value={q} maxLength={200} onChange={(event) => setQ(event.target.value)} />
      </label>
      <label className="field">
        <span>{t("petition.stateLabel")}</span>
        <select value={filters.state} onChange={(event) => onChange({ ...filters, state: event.target.value as PetitionState | "" })}>
          <option value="">{t("petition.any")}</option>
          {PETITION_STATES.map((state) => (
            <option key={state} value={state}>
              {t(`petition.state.${state}`)}
            </option>
          ))}
        </select>
      </label>
      {!respondent && (
        <label className="field">
          <span>{t("petition.agency")}</span>
          <select value={filters.agencyId ?? ""} onChange={(event) => onChange({ ...filters, agencyId: event.target.value ? Number(event.target.value) : null })}>
            <option value="">{t("petition.any")}</option>
            {agencies.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>{t("petition.field")}</span>
        <input value={field} maxLength={100} onChange={(event) => setField(event.target.value)} onBlur={() => field !== filters.field && onChange({ ...filters, q, field })} />
      </label>
      <label className="field">
        <span>{t("petition.levelLabel")}</span>
        <select value={filters.level} onChange={(event) => onChange({ ...filters, level: event.target.value as Level | "" })}>
          <option value="">{t("petition.any")}</option>
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {t(`petition.level.${level}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("petition.overdueLabel")}</span>
        <select value={filters.overdue} onChange={(event) => onChange({ ...filters, overdue: event.target.value as Filters["overdue"] })}>
          <option value="">{t("petition.any")}</option>
          <option value="true">{t("petition.overdueOnly")}</option>
          <option value="false">{t("petition.inTime")}</option>
        </select>
      </label>
      <button type="submit" className="button">
        {t("petition.search")}
      </button>
    </form>
  );
}

/** The first page by the filters; more pages appended, dropped whenever the first loads again. */
function usePetitions(path: string) {
  const first = useAsync(() => petitionPage(path), [path]);
  const [more, setMore] = useState<{ of: PetitionPage; items: Petition[]; next: string | null } | null>(null);
  const current = more && more.of === first.data ? more : null;
  const items = [...(first.data?.items ?? []), ...(current?.items ?? [])];
  const next = current ? current.next : (first.data?.next ?? null);
  const { busy, error, run } = useAction();
  function loadMore() {
    const base = first.data;
    if (!next || !base) return;
    void run(async () => {
      const page = await petitionPage(next);
      setMore({ of: base, items: [...(current?.items ?? []), ...page.items], next: page.next });
    });
  }
  return { first, items, next, loadMore, busy, error };
}

function SelectionBar({ councilId, selected, byId, agencies, onDone, onClear }: { councilId: number; selected: number[]; byId: Map<number, Petition>; agencies: { id: number; name: string }[]; onDone: (message: string) => void; onClear: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<AssignmentForm>(EMPTY_ASSIGNMENT);
  const { busy, error, run } = useAction();
  const merge = mergeTarget(selected);
  const mergeable = merge !== null && selected.every((id) => ["received", "assigned"].includes(byId.get(id)?.state ?? "received"));
  const changes = assignmentOf(form);
  function assign(event: FormEvent) {
    event.preventDefault();
    void run(() => assignMany(councilId, selected, changes)).then((ok) => {
      if (!ok) return;
      setForm(EMPTY_ASSIGNMENT);
      onDone(t("petition.assigned", { count: selected.length }));
    });
  }
  function doMerge() {
    if (!merge) return;
    void run(() => mergePetitions(merge.target, merge.others)).then((ok) => ok && onDone(t("petition.merged", { id: merge.target })));
  }
  return (
    <form className="panel petition-selection" aria-label={t("petition.assignTitle")} onSubmit={assign}>
      <h2>{t("petition.selected", { count: selected.length })}</h2>
      <AssignFields form={form} onChange={setForm} agencies={agencies} />
      {error && <ErrorNotice message={error} />}
      <div className="petition-selection__actions">
        <button type="submit" className="button button--primary" disabled={busy || Object.keys(changes).length === 0}>
          {t("petition.assign")}
        </button>
        {merge && (
          <button type="button" className="button" disabled={busy || !mergeable} onClick={doMerge}>
            {t("petition.merge", { id: merge.target })}
          </button>
        )}
        <button type="button" className="button button--ghost" disabled={busy} onClick={onClear}>
          {t("petition.clearSelection")}
        </button>
      </div>
    </form>
  );
}

export default function PetitionsScreen({ councilId }: { councilId: number }) {
  const { t } = useI18n();
  const { me } = useSession();
  const role = roleIn(me, councilId);
  const respondent = role === "respondent" && !me?.is_admin;
  const manager = canManage(me, councilId);
  // the secretariat's digest for the secretariat and the Thường trực, the agency's for its respondents
  const digestReader = manager || respondent || canChair(me, councilId);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selected, setSelected] = useState<number[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const list = usePetitions(listPath(councilId, filters));
  const agencies = useAsync(() => (respondent ? Promise.resolve([]) : listAgencies(councilId)), [councilId, respondent]);
  const voterMeetings = useAsync(() => (manager ? listVoterMeetings(councilId) : Promise.resolve([])), [councilId, manager]);
  const digest = useAsync(() => (digestReader ? petitionDigest(councilId) : Promise.resolve(null)), [councilId, digestReader]);
  const byId = new Map(list.items.map((petition) => [petition.id, petition]));
  const council = me?.memberships.find((m) => m.council_id === councilId)?.council_name;

  function toggle(id: number, on: boolean) {
    setSelected((current) => (on ? [...current.filter((known) => known !== id), id] : current.filter((known) => known !== id)));
  }
  function changed(message: string | null) {
    setSelected([]);
    setNotice(message);
    list.first.reload();
    digest.reload();
    voterMeetings.reload(); // their petition counts
  }
  const shownIds = list.items.map((petition) => petition.id);
  const allShown = shownIds.length > 0 && shownIds.every((id) => selected.includes(id));
  function selectShown(on: boolean) {
    setSelected((current) => (on ? [...new Set([...current, ...shownIds])] : current.filter((id) => !shownIds.includes(id))));
  }
  function filter(next: Filters) {
    setFilters(next);
    setSelected([]);
  }

  return (
    <div className="screen">
      <TopBar title={respondent ? t("petition.ofAgency") : t("petition.title")} subtitle={council} backTo={paths.meetings()}>
        {!respondent && (
          <Link className="button" href={paths.petitionReport(councilId)}>
            {t("petition.report")}
          </Link>
        )}
      </TopBar>
      <main className="petitions-page">
        {manager && <VoterMeetings councilId={councilId} voterMeetings={voterMeetings.data ?? []} onCreated={voterMeetings.reload} />}
        {manager && (
          <div className="petition-tools">
            <RecordPetition councilId={councilId} voterMeetings={voterMeetings.data ?? []} onRecorded={() => changed(null)} />
            <ImportPetitions councilId={councilId} voterMeetings={voterMeetings.data ?? []} onImported={() => changed(null)} />
          </div>
        )}
        {digestReader && <PetitionDigest digest={digest.data} onFilter={(changes) => filter({ ...filters, ...changes })} />}
        <FilterBar key={`${filters.q}\u0000${filters.field}`} filters={filters} onChange={filter} agencies={agencies.data ?? []} respondent={respondent} />
        {notice && <p className="notice notice--info" role="status">{notice}</p>}
        {manager && selected.length > 0 && <SelectionBar councilId={councilId} selected={selected} byId={byId} agencies={agencies.data ?? []} onDone={changed} onClear={() => setSelected([])} />}
        {list.first.error != null && <ErrorNotice message={messageOf(list.first.error, t("common.error"))} onRetry={list.first.reload} retryLabel={t("common.retry")} />}
        {list.first.loading && !list.first.data && <p className="loading">{t("common.loading")}</p>}
        {list.first.data && list.items.length === 0 && <p className="empty">{t("petition.none")}</p>}
        {list.items.length > 0 && (
          <div className="petition-list__head">
            {manager && (
              <label className="checkbox">
                <input type="checkbox" checked={allShown} onChange={(event) => selectShown(event.target.checked)} />
                <span>{t("petition.selectShown", { count: list.items.length })}</span>
              </label>
            )}
            <span className="muted petition-list__count">
              {list.next ? t("petition.shownMore", { count: list.items.length }) : t("petition.shown", { count: list.items.length })}
            </span>
          </div>
        )}
        <ul className="petition-list" aria-label={t("petition.title")}>
          {list.items.map((petition) => (
            <PetitionLine key={petition.id} petition={petition}>
              {manager && (
                <input
                  type="checkbox"
                  aria-label={t("petition.select", { id: petition.id })}
                  checked={selected.includes(petition.id)}
                  onChange={(event) => toggle(petition.id, event.target.checked)}
                />
              )}
            </PetitionLine>
          ))}
        </ul>
        {list.error && <ErrorNotice message={list.error} />}
        {list.next && (
          <button type="button" className="button" disabled={list.busy} onClick={list.loadMore}>
            {t("petition.more")}
          </button>
        )}
      </main>
    </div>
  );
}
