import { api, must, type Schemas } from '@/api/client';
import { useAuth } from '@/store/auth';
import { liveRounds, type RoundOption } from './oversight';
import { contentTypeOf } from './files';
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

/** Keeps a file as evidence of an observation (the file itself is the request's body). */
export function uploadObservationEvidence(
  engagementId: string,
  observationId: string,
  file: File,
): Promise<Schemas['ObservationEvidenceView']> {
  const type = contentTypeOf(file) || 'application/octet-stream';
  return must(
    api.POST('/oversight/engagements/{id}/observations/{observationId}/evidence', {
      params: {
        path: { id: engagementId, observationId },
        query: { filename: file.name || '证据材料' },
        header: { 'content-type': type },
      },
      headers: { 'Content-Type': type },
      body: file as unknown as string,
      bodySerializer: (body: unknown) => body as BodyInit,
    }),
  );
}
