import { foldName } from '../clients/fold-name';

/** Pure rules of the conflict check: who in the firm's records could be on the other side. No Nest, no TypeORM. */

export const CONFLICT_STATUSES = ['clear', 'potential', 'overridden'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

export const MATCHED_ON = ['lastName', 'dateOfBirth', 'postcode', 'defendantName', 'insurerName', 'clientName'] as const;
export type MatchedOn = (typeof MATCHED_ON)[number];

/** What the check reports about a match: who (by reference and name) and what matched. Never health data. */
export interface ConflictMatch {
  /** `client`: another client of the firm; `case`: another case, through its defendant or insurer. */
  kind: 'client' | 'case';
  id: string;
  reference: string;
  name: string;
  matchedOn: MatchedOn[];
}

/** The case being checked: its client and its parties. */
export interface ConflictSubject {
  clientId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  postcode: string | null;
  defendantName: string | null;
  insurerName: string | null;
}

export interface CandidateClient {
  id: string;
  reference: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  postcode: string | null;
}

export interface CandidateCase {
  id: string;
  reference: string;
  clientId: string;
  defendantName: string | null;
  insurerName: string | null;
}

const fullName = (person: { firstName: string; lastName: string }) => foldName(`${person.firstName}${person.lastName}`);
const sameParty = (a: string | null, b: string) => a !== null && foldName(a) !== '' && foldName(a) === b;

/**
 * Potential conflicts of a case with the firm's other records:
 * - another client with the same surname and date of birth, or the same surname and postcode;
 * - another client whose name is this case's defendant or insurer;
 * - another case whose defendant or insurer is this case's client.
 * Names compare folded (case, spacing, punctuation, accents). The client's own records never match.
 */
export function findConflicts(subject: ConflictSubject, clients: readonly CandidateClient[], cases: readonly CandidateCase[]): ConflictMatch[] {
  const matches: ConflictMatch[] = [];
  const lastName = foldName(subject.lastName);
  for (const client of clients) {
    if (client.id === subject.clientId) continue;
    const matchedOn: MatchedOn[] = [];
    if (lastName !== '' && foldName(client.lastName) === lastName) {
      const sameBirth = subject.dateOfBirth !== null && client.dateOfBirth === subject.dateOfBirth;
      const samePostcode = subject.postcode !== null && client.postcode === subject.postcode;
      if (sameBirth || samePostcode) matchedOn.push('lastName');
      if (sameBirth) matchedOn.push('dateOfBirth');
      if (samePostcode) matchedOn.push('postcode');
    }
    const name = fullName(client);
    if (sameParty(subject.defendantName, name)) matchedOn.push('defendantName');
    if (sameParty(subject.insurerName, name)) matchedOn.push('insurerName');
    if (matchedOn.length > 0) matches.push({ kind: 'client', id: client.id, reference: client.reference, name: `${client.firstName} ${client.lastName}`, matchedOn });
  }
  const clientName = fullName(subject);
  for (const other of cases) {
    if (other.clientId === subject.clientId) continue;
    const matchedOn: MatchedOn[] = [];
    if (sameParty(other.defendantName, clientName)) matchedOn.push('clientName', 'defendantName');
    else if (sameParty(other.insurerName, clientName)) matchedOn.push('clientName', 'insurerName');
    if (matchedOn.length > 0) {
      const party = matchedOn.includes('defendantName') ? other.defendantName : other.insurerName;
      matches.push({ kind: 'case', id: other.id, reference: other.reference, name: party ?? '', matchedOn });
    }
  }
  return matches;
}

/**
 * The status after a (re-)check. An override stands while the matches are the ones it was made
 * against; a new match makes the case potential again, and no match at all makes it clear.
 */
export function conflictStatusAfterCheck(previous: { status: ConflictStatus; matches: readonly ConflictMatch[] }, found: readonly ConflictMatch[]): ConflictStatus {
  if (found.length === 0) return 'clear';
  if (previous.status !== 'overridden') return 'potential';
  const known = new Set(previous.matches.map(matchKey));
  return found.every((match) => known.has(matchKey(match))) ? 'overridden' : 'potential';
}

function matchKey(match: ConflictMatch): string {
  return `${match.kind}:${match.id}:${[...match.matchedOn].sort().join(',')}`;
}
