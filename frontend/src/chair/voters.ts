// The chair's "not voted yet" list: the deputies of an open (named) poll who have not voted,
// in the order a Vietnamese list of names is read — by given name (the last word), then the
// whole name.
import type { Voter } from "../api/voting";

const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

function givenName(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  return words[words.length - 1] ?? "";
}

export function byGivenName(a: { full_name: string }, b: { full_name: string }): number {
  return collator.compare(givenName(a.full_name), givenName(b.full_name)) || collator.compare(a.full_name, b.full_name);
}

export interface VoterSummary {
  notVoted: Voter[];
  voted: number;
  total: number;
}

export function summarizeVoters(voters: Voter[]): VoterSummary {
  const notVoted = voters.filter((voter) => !voter.voted).sort(byGivenName);
  return { notVoted, voted: voters.length - notVoted.length, total: voters.length };
}
