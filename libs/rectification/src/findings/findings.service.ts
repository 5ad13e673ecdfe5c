import { DomainError } from '@liandong/common';
import { createHash } from 'node:crypto';
import { Injectable, StreamableFile } from '@nestjs/common';
import { Principal, actorOf } from '@liandong/access';
import { AuditService, Clock } from '@liandong/messaging';
import { Inspection, InspectionDirectory, STATUS_LABELS } from '@liandong/planning';
import { uuidv7 } from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import { Evidence, Finding, FindingStatus, InspectionReport } from '../entities';
import { FINDING_STATUS_LABELS } from '../labels';
import { TeamAccess } from '../team-access';
import { dossierGaps, titleOf } from './dossier';
import { attachmentDisposition, safeFilename } from './evidence-filename';
import { evidenceProblem } from './evidence-type';
import { rectificationRefusal } from '../rectification.errors';

export interface FindingDraft {
  title: string;
  facts: string;
  basis?: string;
}

const INSPECTION_ROLE_LABELS: Record<string, string> = {
  conducting: '本节点开展的巡察',
  hosted: '其他节点巡察本节点的对象',
  reported: '本节点仅获知结果的巡察',
};

/** The inspection has given its feedback: its findings have gone on to rectification. */
const CONCLUDED: ReadonlyArray<Inspection['status']> = ['feedback_given', 'handed_back'];

function findingNotFound(id: string): DomainError {
  return rectificationRefusal(
    'FINDING_NOT_FOUND',
    {
      zh: `本节点没有这个问题（编号 ${id}）。请回到问题列表重新选择`,
      en: `no finding ${id} on this node`,
    },
    404,
  );
}

/** The finding was withdrawn from the report by the inspection office: nothing more is done with it. */
function withdrawnError(finding: Finding, what: { zh: string; en: string }): DomainError {
  return rectificationRefusal('FINDING_WITHDRAWN', {
    zh: `问题${titleOf(finding)}已由巡视巡察办撤回（理由：${finding.withdrawnReason ?? '未注明'}），不能再${what.zh}`,
    en: `finding ${finding.id} was withdrawn by the inspection office; it cannot be ${what.en}`,
  });
}

/**
 * 问题底稿: findings of an inspection this node conducts. Drafted by a team member, checked
 * by the deputy leader, signed by the leader — each only with facts, evidence and a normative
 * basis; returned to draft by the leader, withdrawn from the report by the inspection office;
 * evidence files kept with their SHA-256 under a safe name.
 */
@Injectable()
export class FindingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inspections: InspectionDirectory,
    private readonly team: TeamAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private async lockFinding(manager: EntityManager, id: string): Promise<Finding> {
    const finding = await manager.findOne(Finding, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!finding) throw findingNotFound(id);
    return finding;
  }

  /**
   * Locks the finding's inspection, then the finding: finalizing a report locks the inspection
   * too, so no report can take in the finding while it is returned or withdrawn.
   */
  private async lockWithInspection(
    manager: EntityManager,
    id: string,
  ): Promise<{ finding: Finding; inspection: Inspection | null }> {
    const found = await manager.findOne(Finding, { where: { id } });
    if (!found) throw findingNotFound(id);
    const inspection = await this.inspections.lock(manager, found.inspectionId);
    return { finding: await this.lockFinding(manager, id), inspection };
  }

  async draft(inspectionId: string, draft: FindingDraft, user: Principal): Promise<Finding> {
    return this.dataSource.transaction(async (manager) => {
      const inspection = await this.inspections.get(manager, inspectionId);
      if (inspection.role !== 'conducting' || inspection.status !== 'planned')
        throw rectificationRefusal('NOT_UNDER_WAY', {
          zh: `这项巡察（${INSPECTION_ROLE_LABELS[inspection.role] ?? inspection.role}，${STATUS_LABELS[inspection.status] ?? inspection.status}）不是本节点巡察组正在开展的巡察，不能起草问题。只有本节点已安排、尚未反馈的巡察才能起草问题`,
          en: `inspection ${inspectionId} is not one this node's team is carrying out (${inspection.role}, ${inspection.status})`,
        });
      await this.team.require(manager, inspectionId, user);
      const finding = manager.create(Finding, {
        id: uuidv7(this.clock.now().getTime()),
        inspectionId,
        title: draft.title,
        facts: draft.facts,
        basis: draft.basis ?? null,
        status: 'drafted',
        draftedBy: user.username,
        checkedBy: null,
        signedBy: null,
        createdAt: this.clock.now(),
        returnedReason: null,
        returnedBy: null,
        returnedAt: null,
        withdrawnReason: null,
        withdrawnBy: null,
        withdrawnAt: null,
      });
      await manager.insert(Finding, finding);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'finding.drafted',
        subjectType: 'finding',
        subjectId: finding.id,
        detail: { inspectionId, title: finding.title },
      });
      return finding;
    });
  }

  async revise(id: string, change: Partial<FindingDraft>, user: Principal): Promise<Finding> {
    return this.dataSource.transaction(async (manager) => {
      const finding = await this.lockFinding(manager, id);
      await this.team.require(manager, finding.inspectionId, user);
      if (finding.status === 'withdrawn')
        throw withdrawnError(finding, { zh: '修改', en: 'revised' });
      if (finding.status !== 'drafted')
        throw rectificationRefusal('FINDING_LOCKED', {
          zh: `问题${titleOf(finding)}${FINDING_STATUS_LABELS[finding.status]}，不能再修改。如需修改，请组长先将其退回修改`,
          en: `finding ${id} is ${finding.status}; only a draft is revised (the leader can return it to draft: POST /findings/${id}/return)`,
        });
      const revised = {
        ...finding,
        title: change.title ?? finding.title,
        facts: change.facts ?? finding.facts,
        basis: change.basis ?? finding.basis,
      };
      await manager.update(
        Finding,
        { id },
        { title: revised.title, facts: revised.facts, basis: revised.basis },
      );
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'finding.revised',
        subjectType: 'finding',
        subjectId: id,
        detail: {
          fields: Object.keys(change).filter(
            (key) => change[key as keyof FindingDraft] !== undefined,
          ),
        },
      });
      return revised;
    });
  }

  async addEvidence(
    id: string,
    file: { data: Buffer; contentType?: string; filename: string },
    user: Principal,
  ): Promise<Evidence> {
    const problem = evidenceProblem(file.data, file.contentType);
    if (problem) throw rectificationRefusal('BAD_EVIDENCE', problem, 400);
    return this.dataSource.transaction(async (manager) => {
      const finding = await this.lockFinding(manager, id);
      await this.team.require(manager, finding.inspectionId, user);
      if (finding.status === 'withdrawn')
        throw withdrawnError(finding, { zh: '补充证据', en: 'given evidence' });
      if (finding.status === 'signed')
        throw rectificationRefusal('FINDING_LOCKED', {
          zh: `问题${titleOf(finding)}已经组长签字，不能再补充证据。如需补充，请组长先将其退回修改`,
          en: `finding ${id} is signed; evidence is closed`,
        });
      const evidence = manager.create(Evidence, {
        id: uuidv7(this.clock.now().getTime()),
        findingId: id,
        // Only a base name is kept: the client's path (or a crafted `../..`) never reaches a download.
        filename: safeFilename(file.filename),
        contentType: (file.contentType as string).split(';')[0].trim().toLowerCase(),
        size: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        data: file.data,
        uploadedBy: user.username,
        uploadedAt: this.clock.now(),
      });
      await manager.insert(Evidence, evidence);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'evidence.added',
        subjectType: 'finding',
        subjectId: id,
        detail: {
          evidenceId: evidence.id,
          filename: evidence.filename,
          sha256: evidence.sha256,
          size: evidence.size,
        },
      });
      return { ...evidence, data: Buffer.alloc(0) };
    });
  }

  /** Evidence opens for the team, the inspection office and the leading group; each read is audited. */
  async readEvidence(
    findingId: string,
    evidenceId: string,
    user: Principal,
  ): Promise<StreamableFile> {
    return this.dataSource.transaction(async (manager) => {
      const finding = await manager.findOne(Finding, { where: { id: findingId } });
      if (!finding) throw findingNotFound(findingId);
      await this.team.requireTeamOrOffice(manager, finding.inspectionId, user);
      const evidence = await manager
        .getRepository(Evidence)
        .createQueryBuilder('e')
        .addSelect('e.data')
        .where('e.id = :evidenceId AND e.finding_id = :findingId', { evidenceId, findingId })
        .getOne();
      if (!evidence)
        throw rectificationRefusal(
          'EVIDENCE_NOT_FOUND',
          {
            zh: `问题${titleOf(finding)}下没有这份证据材料（编号 ${evidenceId}）。请从该问题的证据列表重新打开`,
            en: `no evidence ${evidenceId} on this finding`,
          },
          404,
        );
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'evidence.read',
        subjectType: 'finding',
        subjectId: findingId,
        detail: { evidenceId, sha256: evidence.sha256 },
      });
      return new StreamableFile(evidence.data, {
        type: evidence.contentType,
        disposition: attachmentDisposition(evidence.filename),
      });
    });
  }

  /** 审核: the deputy leader checks a complete draft someone else wrote. */
  async check(id: string, user: Principal): Promise<Finding> {
    return this.step(id, user, 'deputy_leader', 'checked', (finding) => {
      if (finding.draftedBy === user.username)
        throw rectificationRefusal('SAME_PERSON', {
          zh: '起草人不能审核自己起草的问题。请由本巡察组的副组长审核',
          en: 'the person who drafted a finding cannot also check it',
        });
      return { checkedBy: user.username };
    });
  }

  /** 签字: the leader signs a complete, checked finding. */
  async sign(id: string, user: Principal): Promise<Finding> {
    return this.step(id, user, 'leader', 'signed', () => ({ signedBy: user.username }));
  }

  private async step(
    id: string,
    user: Principal,
    role: 'leader' | 'deputy_leader',
    to: 'checked' | 'signed',
    fields: (finding: Finding) => Partial<Finding>,
  ): Promise<Finding> {
    return this.dataSource.transaction(async (manager) => {
      const finding = await this.lockFinding(manager, id);
      await this.team.require(manager, finding.inspectionId, user, [role]);
      const doing = to === 'checked' ? { zh: '审核', en: 'checked' } : { zh: '签字', en: 'signed' };
      if (finding.status === 'withdrawn') throw withdrawnError(finding, doing);
      this.requireStatus(finding, to);
      const extra = fields(finding);
      const gaps = dossierGaps(
        finding,
        await manager.count(Evidence, { where: { findingId: id } }),
      );
      if (gaps.length > 0)
        throw rectificationRefusal('FINDING_INCOMPLETE', {
          zh: `问题${titleOf(finding)}的底稿不完整，不能${doing.zh}。缺少：${gaps.map((g) => g.zh).join('、')}。${
            to === 'checked'
              ? '请起草人补齐后再提交审核'
              : '请组长将其退回修改，补齐后重新审核、签字'
          }`,
          en: `finding ${id} cannot be ${doing.en}: it lacks ${gaps.map((g) => g.en).join(', ')}`,
        });
      const change = { ...extra, status: to };
      await manager.update(Finding, { id }, change);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: `finding.${to}`,
        subjectType: 'finding',
        subjectId: id,
        detail: { inspectionId: finding.inspectionId },
      });
      return { ...finding, ...change };
    });
  }

  /** A check needs a draft; a signature needs a checked finding. */
  private requireStatus(finding: Finding, to: 'checked' | 'signed'): void {
    const from: FindingStatus = to === 'checked' ? 'drafted' : 'checked';
    if (finding.status === from) return;
    const en = `finding ${finding.id} is ${finding.status}; it must be ${from} to be ${to}`;
    if (to === 'checked')
      throw rectificationRefusal('NOT_A_DRAFT', {
        zh: `问题${titleOf(finding)}${FINDING_STATUS_LABELS[finding.status]}，无需再审核。只有已起草、尚未审核的问题才能审核`,
        en,
      });
    throw rectificationRefusal('NOT_CHECKED', {
      zh:
        finding.status === 'signed'
          ? `问题${titleOf(finding)}已经签字，无需再签`
          : `问题${titleOf(finding)}尚未经副组长审核，不能签字。请副组长先审核`,
      en,
    });
  }

  /**
   * 退回修改: the leader sends a checked or signed finding back to draft, with a reason, so the
   * team can revise it and take it through the chain again — not once a finalized report holds it.
   */
  async returnToDraft(id: string, reason: string, user: Principal): Promise<Finding> {
    return this.dataSource.transaction(async (manager) => {
      const { finding } = await this.lockWithInspection(manager, id);
      await this.team.require(manager, finding.inspectionId, user, ['leader']);
      if (finding.status === 'withdrawn')
        throw withdrawnError(finding, { zh: '退回修改', en: 'returned to draft' });
      if (finding.status === 'drafted')
        throw rectificationRefusal('ALREADY_A_DRAFT', {
          zh: `问题${titleOf(finding)}尚未审核，仍是草稿，无需退回，组员可直接修改`,
          en: `finding ${id} is still a draft; there is nothing to return`,
        });
      const reports = await manager.find(InspectionReport, {
        where: { inspectionId: finding.inspectionId },
        order: { version: 'ASC' },
      });
      const holding = reports
        .filter((r) => r.findings.some((f) => f.findingId === id))
        .map((r) => r.version);
      if (holding.length > 0)
        throw rectificationRefusal('FINDING_IN_REPORT', {
          zh: `问题${titleOf(finding)}已写入已定稿的巡察报告（第${holding.join('、')}版），不能退回修改。如需更正，请由巡视巡察办将其从报告中撤回，另行起草后出具新版报告`,
          en: `finding ${id} is in finalized report version ${holding.join(', ')}; a finalized report never changes: withdraw it (POST /findings/${id}/withdraw) and draft it anew`,
        });
      const change = {
        status: 'drafted' as const,
        checkedBy: null,
        signedBy: null,
        returnedReason: reason,
        returnedBy: user.username,
        returnedAt: this.clock.now(),
      };
      await manager.update(Finding, { id }, change);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'finding.returned',
        subjectType: 'finding',
        subjectId: id,
        detail: { inspectionId: finding.inspectionId, from: finding.status, reason },
      });
      return { ...finding, ...change };
    });
  }

  /**
   * 撤回: the inspection office takes a finding out of the report, with a reason; the next
   * report version leaves it out and it stays listed as withdrawn. Not after feedback.
   */
  async withdraw(id: string, reason: string, user: Principal): Promise<Finding> {
    return this.dataSource.transaction(async (manager) => {
      const { finding, inspection } = await this.lockWithInspection(manager, id);
      if (finding.status === 'withdrawn')
        throw rectificationRefusal('ALREADY_WITHDRAWN', {
          zh: `问题${titleOf(finding)}已经撤回，无需重复撤回`,
          en: `finding ${id} is already withdrawn`,
        });
      if (inspection && CONCLUDED.includes(inspection.status))
        throw rectificationRefusal('FEEDBACK_GIVEN', {
          zh: `这项巡察已经反馈，问题${titleOf(finding)}已转入整改，不能再从报告中撤回`,
          en: `inspection ${finding.inspectionId} has given its feedback; its findings are in rectification`,
        });
      const change = {
        status: 'withdrawn' as const,
        withdrawnReason: reason,
        withdrawnBy: user.username,
        withdrawnAt: this.clock.now(),
      };
      await manager.update(Finding, { id }, change);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'finding.withdrawn',
        subjectType: 'finding',
        subjectId: id,
        detail: { inspectionId: finding.inspectionId, from: finding.status, reason },
      });
      return { ...finding, ...change };
    });
  }
}
