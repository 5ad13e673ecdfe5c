import { api, must } from '@/api/client';
import { useAuth } from '@/store/auth';
import { liveRounds, type RoundOption } from './oversight';
import { beijingToday } from './time';

/**
 * The overseen node's running rounds this node knows of (for 现场跟进指导): its linked rounds'
 * links to that node, and the rounds of the inspections that node reported; none when this
 * user may not read rounds or inspections.
 */
export async function roundOptions(overseen: string): Promise<RoundOption[]> {
  const auth = useAuth();
  const today = beijingToday();
  const own = auth.can('GET /rounds') ? await must(api.GET('/rounds')).catch(() => []) : [];
  const linked = auth.can('GET /rounds/{id}')
    ? await Promise.all(
        own
          .filter((r) => !r.parentNode && r.windowEnd >= today)
          .map((r) => must(api.GET('/rounds/{id}', { params: { path: { id: r.id } } }))),
      ).catch(() => [])
    : [];
  const inspections = auth.can('GET /inspections')
    ? await must(api.GET('/inspections')).catch(() => [])
    : [];
  return liveRounds(overseen, today, linked, inspections);
}
