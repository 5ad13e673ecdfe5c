import { api, must, type Schemas } from '@/api/client';
import { useAuth } from '@/store/auth';
import { contentTypeOf } from './files';
import type { TeamRole } from './findings';

/** The calls of the dossier pages beyond one-line reads: the team role, evidence in and out. */

/** The signed-in person's role on the inspection's team (组长/副组长/成员), or null off the team. */
export async function teamRoleOn(
  inspectionId: string,
): Promise<{ role: TeamRole; label: string } | null> {
  const auth = useAuth();
  if (!auth.can('GET /inspections/mine')) return null;
  const mine = await must(api.GET('/inspections/mine'));
  const found = mine.find((i) => i.id === inspectionId);
  return found ? { role: found.teamRole, label: found.teamRoleLabel } : null;
}

/** The inspection the page is about (its organization's name), or undefined if not readable. */
export async function inspectionOf(
  inspectionId: string,
): Promise<Schemas['InspectionDetailView'] | undefined> {
  if (!useAuth().can('GET /inspections/{id}')) return undefined;
  return must(api.GET('/inspections/{id}', { params: { path: { id: inspectionId } } })).catch(
    () => undefined,
  );
}

/** Sends one file as evidence of a finding: the bytes as the body, under its own type. */
export function uploadEvidence(findingId: string, file: File): Promise<Schemas['EvidenceView']> {
  const type = contentTypeOf(file) || 'application/octet-stream';
  return must(
    api.POST('/findings/{id}/evidence', {
      params: {
        path: { id: findingId },
        query: { filename: file.name || '证据材料' },
        header: { 'content-type': type },
      },
      headers: { 'Content-Type': type },
      body: file as unknown as string,
      bodySerializer: (body: unknown) => body as BodyInit,
    }),
  );
}

/** The bytes of an evidence file (the node records each read in its audit log). */
export function evidenceBlob(findingId: string, evidenceId: string): Promise<Blob> {
  return must(
    api.GET('/findings/{id}/evidence/{evidenceId}', {
      params: { path: { id: findingId, evidenceId } },
      parseAs: 'blob',
    }),
  ) as Promise<Blob>;
}
