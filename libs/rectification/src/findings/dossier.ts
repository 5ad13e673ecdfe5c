import type { Finding } from '../entities';

/** One part of the evidence dossier (问题底稿) a finding lacks, in Chinese and English. */
export interface DossierGap {
  zh: string;
  en: string;
}

/**
 * What a finding's dossier lacks: a title and facts that are more than spaces, at least one
 * evidence file and a normative basis. Empty when it is complete.
 */
export function dossierGaps(
  finding: Pick<Finding, 'title' | 'facts' | 'basis'>,
  evidenceFiles: number,
): DossierGap[] {
  const gaps: DossierGap[] = [];
  if (!finding.title.trim()) gaps.push({ zh: '标题', en: 'title' });
  if (!finding.facts.trim()) gaps.push({ zh: '事实', en: 'facts' });
  if (evidenceFiles === 0) gaps.push({ zh: '证据材料', en: 'evidence' });
  if (!finding.basis?.trim()) gaps.push({ zh: '定性依据', en: 'normative basis' });
  return gaps;
}

/** 《title》 for messages, or a placeholder when the title is blank. */
export function titleOf(finding: Pick<Finding, 'title'>): string {
  const title = finding.title.trim();
  return title ? `《${title}》` : '（无标题的问题）';
}
