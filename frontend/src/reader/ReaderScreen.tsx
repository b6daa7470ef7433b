// The document reader: PDF.js pages over Range requests, thumbnails, zoom, page navigation,
// search, private notes per page, a notice when a new version of the document arrives, and
// "follow the chair": when the chair moves to another agenda item, an offer to go there. The
// version, page count and size come from the live meeting state (no request before the first
// range). Offline, a downloaded document opens from the tablet (the service worker answers its
// Range requests) and the title, kind and version come from the meeting's last known state.
import type { PDFDocumentProxy } from "pdfjs-dist";
import { useEffect, useEffectEvent, useRef, useState, type TouchEvent } from "react";
import { api, call } from "../api/client";
import { messageOf } from "../api/errors";
import { navigate } from "../app/navigation";
import { paths } from "../app/routes";
import { useSession } from "../auth/SessionProvider";
import { ConnectionIndicator } from "../components/ConnectionIndicator";
import { ErrorNotice } from "../components/ErrorNotice";
import { TopBar } from "../components/TopBar";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { useLiveMeeting } from "../live/LiveMeetingProvider";
import { jumpOffer, UNKNOWN_WATCH, useFollowChair, watchCurrent, type ChairWatch } from "../meeting/followChair";
import { currentItemId, findItem, itemLabel } from "../meeting/selectors";
import { PdfPageCanvas } from "../pdf/PdfPageCanvas";
import { documentToOpen, targetOf, type OpenTarget } from "./documentSource";
import { pagesWithNotes } from "./notes";
import { NotesPanel } from "./NotesPanel";
import { SearchPanel } from "./SearchPanel";
import { Thumbnails } from "./Thumbnails";
import { useElementWidth } from "./useElementWidth";
import { useNotes } from "./useNotes";
import { usePdfDocument } from "./usePdfDocument";
import { ConfidentialWatermark } from "./ConfidentialWatermark";
import { clampPage, scaleFor, zoomIn, zoomOut, type Zoom } from "./zoom";

type SidePanel = "thumbnails" | "search" | "notes" | null;
const SWIPE_PX = 60;

/** The width in PDF points of a page (for "fit width"). */
function usePageWidth(pdf: PDFDocumentProxy | null, pageNumber: number): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    if (!pdf) return;
    let cancelled = false;
    pdf.getPage(pageNumber).then((page) => !cancelled && setWidth(page.getViewport({ scale: 1 }).width), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [pdf, pageNumber]);
  return width;
}

interface ReaderProps {
  meetingId: number;
  documentId: number;
  page: number | null;
}

export default function ReaderScreen({ meetingId, documentId, page }: ReaderProps) {
  const { t } = useI18n();
  const { token } = useSession();
  const { state, status } = useLiveMeeting();
  const live = state.documents.find((document) => document.id === documentId);
  // The live meeting state lists the document with its version, pages and size: the reader opens
  // it at once. Only when the state does not (yet) come from the server, or lacks the document, is
  // the server asked first.
  const confirmed = status === "live";
  const askServer = !(live && confirmed);
  const detail = useAsync(
    () => (askServer ? call(api.GET("/api/v1/documents/{document_id}", { params: { path: { document_id: documentId } } })) : Promise.resolve(null)),
    [documentId, askServer],
  );
  const [opened, setOpened] = useState<OpenTarget | null>(null);
  const [pageNumber, setPageNumber] = useState(page ?? 1);
  const [panel, setPanel] = useState<SidePanel>(null);
  const [zoom, setZoom] = useState<Zoom>({ mode: "fit" });
  const stageRef = useRef<HTMLDivElement | null>(null);
  const touchStart = useRef<number | null>(null);
  const stageWidth = useElementWidth(stageRef);
  const notes = useNotes(documentId);

  // The version to open, kept until the reader chooses a newer one (set while rendering, as
  // soon as it is known).
  const known = documentToOpen(live, confirmed, detail.data, detail.error != null);
  if (known && opened === null) setOpened(targetOf(known));

  const { pdf, error: pdfError, retry: retryPdf } = usePdfDocument(documentId, opened, token);
  const openedVersion = opened?.version ?? null;
  const pageCount = pdf?.numPages ?? known?.pages ?? 1;
  const pageWidth = usePageWidth(pdf, pageNumber);
  const scale = scaleFor(zoom, pageWidth, stageWidth - 16);

  function openPage(target: number) {
    const next = clampPage(target, pageCount);
    setPageNumber(next);
    navigate(paths.reader(meetingId, documentId, next), { replace: true });
  }

  // A page asked for in the address (a search result, a shared link) is honoured when it changes.
  const [addressPage, setAddressPage] = useState(page);
  if (page !== addressPage) {
    setAddressPage(page);
    if (page !== null) setPageNumber(page);
  }

  // The arrow and page keys turn pages (from the page on screen when the key is pressed).
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
    if (event.key === "ArrowRight" || event.key === "PageDown") openPage(pageNumber + 1);
    if (event.key === "ArrowLeft" || event.key === "PageUp") openPage(pageNumber - 1);
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  function onTouchStart(event: TouchEvent) {
    touchStart.current = zoom.mode === "fit" && event.touches.length === 1 ? (event.touches[0]?.clientX ?? null) : null;
  }

  function onTouchEnd(event: TouchEvent) {
    const start = touchStart.current;
    const end = event.changedTouches[0]?.clientX;
    touchStart.current = null;
    if (start === null || end === undefined) return;
    if (end - start > SWIPE_PX) openPage(pageNumber - 1);
    if (start - end > SWIPE_PX) openPage(pageNumber + 1);
  }

  // Gone from the meeting while open (deleted, or made confidential for a guest).
  const removed = confirmed && !live && opened !== null && !detail.data;
  const newer = live && openedVersion !== null && live.version > openedVersion ? live : null;
  const title = live?.title ?? detail.data?.title ?? t("common.loading");
  const kind = live?.kind ?? detail.data?.kind;
  const confidential = live?.confidential ?? detail.data?.confidential ?? false;

  // Follow the chair: a move to another agenda item is offered, never forced on a reader.
  const [followChair] = useFollowChair(meetingId);
  const current = currentItemId(state);
  const [watch, setWatch] = useState<ChairWatch>(UNKNOWN_WATCH);
  const watched = watchCurrent(watch, current, state.seq !== null);
  if (watched !== watch) setWatch(watched);
  const offer = findItem(state.agenda, jumpOffer(watch, current, live?.agenda_item_id ?? null, followChair));

  const togglePanel = (name: SidePanel) => setPanel((current) => (current === name ? null : name));

  return (
    <div className="screen reader">
      <TopBar title={title} subtitle={kind ? t(`document.kind.${kind}`) : undefined} backTo={paths.meeting(meetingId)}>
        {confidential && <span className="badge badge--confidential reader__confidential">{t("reader.confidential")}</span>}
        <ConnectionIndicator status={status} />
      </TopBar>

      <div className="reader__toolbar" role="toolbar">
        <button type="button" className={`button${panel === "thumbnails" ? " button--primary" : ""}`} onClick={() => togglePanel("thumbnails")}>
          {t("reader.thumbnails")}
        </button>
        <span className="reader__pager">
          <button type="button" className="button" aria-label={t("reader.previous")} disabled={pageNumber <= 1} onClick={() => openPage(pageNumber - 1)}>
            ‹
          </button>
          <label className="reader__page-input">
            <span className="visually-hidden">{t("reader.page")}</span>
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={pageCount}
              value={pageNumber}
              onChange={(event) => event.target.value && openPage(Number(event.target.value))}
            />
            <span>{t("reader.of", { total: pageCount })}</span>
          </label>
          <button type="button" className="button" aria-label={t("reader.next")} disabled={pageNumber >= pageCount} onClick={() => openPage(pageNumber + 1)}>
            ›
          </button>
        </span>
        <span className="reader__zoom">
          <button type="button" className="button" aria-label={t("reader.zoomOut")} onClick={() => setZoom(zoomOut(scale))}>
            −
          </button>
          <button type="button" className={`button${zoom.mode === "fit" ? " button--primary" : ""}`} onClick={() => setZoom({ mode: "fit" })}>
            {zoom.mode === "fit" ? t("reader.fitWidth") : `${Math.round(scale * 100)}%`}
          </button>
          <button type="button" className="button" aria-label={t("reader.zoomIn")} onClick={() => setZoom(zoomIn(scale))}>
            +
          </button>
        </span>
        <button type="button" className={`button${panel === "search" ? " button--primary" : ""}`} onClick={() => togglePanel("search")}>
          {t("reader.search")}
        </button>
        <button type="button" className={`button${panel === "notes" ? " button--primary" : ""}`} onClick={() => togglePanel("notes")}>
          {t("reader.notes")}
        </button>
      </div>

      {newer !== null && (
        <div className="notice notice--info" role="status">
          <span>{t("reader.newVersion", { version: newer.version })}</span>
          <button type="button" className="button button--primary" onClick={() => setOpened(targetOf(newer))}>
            {t("reader.openNewVersion")}
          </button>
        </div>
      )}
      {offer && (
        <div className="notice notice--info follow-offer" role="status">
          <span>{t("reader.chairMoved", { item: itemLabel(offer) })}</span>
          <span className="follow-offer__actions">
            <button type="button" className="button button--primary" onClick={() => navigate(paths.meeting(meetingId))}>
              {t("reader.goToItem")}
            </button>
            <button type="button" className="button" onClick={() => setWatch({ known: true, seen: offer.id })}>
              {t("reader.stayHere")}
            </button>
          </span>
        </div>
      )}
      {removed && <ErrorNotice message={t("reader.removed")} />}
      {detail.error != null && !live && !removed && <ErrorNotice message={messageOf(detail.error, t("common.error"))} onRetry={detail.reload} retryLabel={t("common.retry")} />}
      {pdfError != null && (
        <ErrorNotice message={t("reader.loadFailed", { message: messageOf(pdfError, t("common.error")) })} onRetry={retryPdf} retryLabel={t("common.retry")} />
      )}

      <div className={`reader__body${panel ? ` reader__body--with-${panel === "thumbnails" ? "thumbnails" : "panel"}` : ""}`}>
        {panel === "thumbnails" && pdf && <Thumbnails pdf={pdf} current={pageNumber} notedPages={pagesWithNotes(notes.notes)} onOpen={openPage} />}
        <div className="reader__stage" ref={stageRef} onTouchStart={onTouchStart} onTouchEnd={onTouchEnd}>
          {confidential && <ConfidentialWatermark />}
          {pdf ? (
            scale > 0 && stageWidth > 0 && <PdfPageCanvas pdf={pdf} pageNumber={clampPage(pageNumber, pdf.numPages)} scale={scale} className="reader__page" />
          ) : (
            pdfError == null && <p className="loading">{t("common.loading")}</p>
          )}
        </div>
        {panel === "search" && <SearchPanel meetingId={meetingId} documentId={documentId} onOpenPage={openPage} />}
        {panel === "notes" && (
          <NotesPanel
            page={pageNumber}
            notes={notes.notes}
            saveState={notes.saveState}
            error={notes.error}
            conflicts={notes.conflicts}
            onSave={notes.save}
            onOpenPage={openPage}
          />
        )}
      </div>
    </div>
  );
}
