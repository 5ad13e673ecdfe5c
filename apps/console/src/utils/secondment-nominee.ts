import type { Schemas } from '@/api/client';
import { formatDate } from '@/utils/time';

type Person = Schemas['PersonView'];
type Secondment = Schemas['SecondmentView'];

/** One person the lending office may pick for a request, and why not where they cannot be. */
export interface NomineeChoice {
  person: Person;
  /** Why this person cannot be lent for the request's period (lent elsewhere then), or null. */
  busy: string | null;
}

/**
 * Whom the lending office may nominate for a request: its own people (not those lent to it),
 * each marked busy when already lent elsewhere for an overlapping period — as the node refuses
 * them (NOMINEE_NOT_OWN, NOMINEE_UNAVAILABLE). Free people first, each group by name order kept.
 */
export function nomineeChoices(
  people: Person[],
  secondments: Secondment[],
  request: Secondment,
): NomineeChoice[] {
  const choices = people
    .filter((p) => !p.lentBy)
    .map((person) => {
      const loan = secondments.find(
        (s) =>
          s.id !== request.id &&
          s.role === 'lending' &&
          s.status === 'approved' &&
          s.personId === person.id &&
          s.startsOn <= request.endsOn &&
          s.endsOn >= request.startsOn,
      );
      const busy = loan
        ? `${formatDate(loan.startsOn)}至${formatDate(loan.endsOn)}已借调至${loan.borrowingNodeLabel}`
        : null;
      return { person, busy };
    });
  return [...choices.filter((c) => !c.busy), ...choices.filter((c) => c.busy)];
}

/** What the lending office is asked for: the person named, or the kind of person wanted. */
export function secondmentAsk(s: Secondment): string {
  if (s.wanted) return s.wanted;
  return s.personName ? `指名借调${s.personName}` : '—';
}

/** Whether the approval needs the office to pick the person (the request named no one). */
export function needsNominee(s: Secondment): boolean {
  return !s.personId;
}
