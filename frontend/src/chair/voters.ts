// The chair's "not voted yet" list: the deputies of an open (named) poll who have not voted,
// in the order a Vietnamese list of names is read — by given name (the last word), then the
// middle and family names (kit/collation.ts).
import type { Voter } from "../api/voting";
import { byFullName } from "../kit/collation";

export interface VoterSummary {
  notVoted: Voter[];
  voted: number;
  total: number;
}

export function summarizeVoters(voters: Voter[]): VoterSummary {
  const notVoted = voters.filter((voter) => !voter.voted).sort(byFullName);
  return { notVoted, voted: voters.length - notVoted.length, total: voters.length };
}
