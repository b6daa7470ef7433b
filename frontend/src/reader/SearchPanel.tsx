// Search in this document through the server's index (diacritic-insensitive: "dat dai" finds
// "đất đai"); a result opens its page.
import { useState, type FormEvent } from "react";
import { api, call } from "../api/client";
import { messageOf } from "../api/errors";
import type { SearchHit } from "../api/types";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/I18nProvider";
import { snippetParts } from "./snippet";

export function SearchPanel({ meetingId, documentId, onOpenPage }: { meetingId: number; documentId: number; onOpenPage: (page: number) => void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function search(event: FormEvent) {
    event.preventDefault();
    const q = query.trim();
    if (!q) return;
    setSearching(true);
    setError(null);
    try {
      const answer = await call(api.GET("/api/v1/search", { params: { query: { q, meeting_id: meetingId } } }));
      setHits(answer.items.filter((hit) => hit.kind === "document" && hit.document_id === documentId));
    } catch (failure) {
      setError(messageOf(failure, t("common.error")));
    } finally {
      setSearching(false);
    }
  }

  return (
    <section className="side-panel">
      <form className="search-form" onSubmit={(event) => void search(event)} role="search">
        <input type="search" value={query} placeholder={t("reader.searchPlaceholder")} aria-label={t("reader.search")} onChange={(event) => setQuery(event.target.value)} />
        <button type="submit" className="button button--primary" disabled={searching}>
          {searching ? t("reader.searching") : t("reader.search")}
        </button>
      </form>
      {error && <ErrorNotice message={error} />}
      {hits && hits.length === 0 && <p className="empty">{t("reader.searchNone")}</p>}
      <ol className="search-hits">
        {(hits ?? []).map((hit, index) => (
          <li key={`${hit.page}-${index}`}>
            <button type="button" className="search-hit" onClick={() => hit.page && onOpenPage(hit.page)}>
              <span className="search-hit__page">
                {t("reader.page")} {hit.page}
              </span>
              <span className="search-hit__snippet">
                {snippetParts(hit.snippet).map((part, partIndex) => (part.marked ? <mark key={partIndex}>{part.text}</mark> : <span key={partIndex}>{part.text}</span>))}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
