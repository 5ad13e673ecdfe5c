import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Principal, actorOf } from '@liandong/access';
import { AuditService, Clock, DomainError } from '@liandong/messaging';
import { InspectionsService } from '@liandong/planning';
import { uuidv7 } from '@liandong/protocol';
import { DataSource, EntityManager, In } from 'typeorm';
import { Evidence, Finding } from '../entities';
import { TeamAccess } from '../team-access';
import { evidenceProblem } from './evidence-type';

export interface FindingDraft {
  title: string;
  facts: string;
  basis?: string;
}

/**
 * 问题底稿: findings of an inspection this node conducts. Drafted by a team member, checked
 * by the deputy leader, signed by the leader; evidence files kept with their SHA-256.
 */
@Injectable()
export class FindingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inspections: InspectionsService,
    private readonly team: TeamAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private async lockFinding(manager: EntityManager, id: string): Promise<Finding> {
    const finding = await manager.findOne(Finding, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!finding) throw new DomainError('FINDING_NOT_FOUND', `no finding ${id} on this node`, 404);
    return finding;
  }

  async draft(inspectionId: string, draft: FindingDraft, user: Principal): Promise<Finding> {
    return this.dataSource.transaction(async (manager) => {
      const inspection = await this.inspections.get(inspectionId, manager);
      if (inspection.role !== 'conducting' || inspection.status !== 'planned')
        throw new DomainError(
          'NOT_UNDER_WAY',
          `inspection ${inspectionId} is not one this node's team is carrying out (${inspection.role}, ${inspection.status})`,
        );
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
      if (finding.status !== 'drafted')
        throw new DomainError(
          'FINDING_LOCKED',
          `finding ${id} is ${finding.status}; only a draft is revised`,
        );
      const revised = { ...finding, ...change };
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
        detail: { fields: Object.keys(change) },
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
    if (problem) throw new DomainError('BAD_EVIDENCE', problem, 400);
    return this.dataSource.transaction(async (manager) => {
      const finding = await this.lockFinding(manager, id);
      await this.team.require(manager, finding.inspectionId, user);
      if (finding.status === 'signed')
        throw new DomainError('FINDING_LOCKED', `finding ${id} is signed; evidence is closed`);
      const evidence = manager.create(Evidence, {
        id: uuidv7(this.clock.now().getTime()),
        findingId: id,
        filename: file.filename,
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
        detail: { evidenceId: evidence.id, sha256: evidence.sha256, size: evidence.size },
      });
      return { ...evidence, data: Buffer.alloc(0) };
    });
  }

  /** Evidence opens for the team, the inspection office and the leading group; each read is audited. */
  async readEvidence(
    findingId: string,
    evidenceId: string,
    user: Principal,
  ): Promise<{ evidence: Evidence; data: Buffer }> {
    return this.dataSource.transaction(async (manager) => {
      const finding = await manager.findOne(Finding, { where: { id: findingId } });
      if (!finding)
        throw new DomainError('FINDING_NOT_FOUND', `no finding ${findingId} on this node`, 404);
      await this.team.requireTeamOrOffice(manager, finding.inspectionId, user);
      const evidence = await manager
        .getRepository(Evidence)
        .createQueryBuilder('e')
        .addSelect('e.data')
        .where('e.id = :evidenceId AND e.finding_id = :findingId', { evidenceId, findingId })
        .getOne();
      if (!evidence)
        throw new DomainError(
          'EVIDENCE_NOT_FOUND',
          `no evidence ${evidenceId} on this finding`,
          404,
        );
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'evidence.read',
        subjectType: 'finding',
        subjectId: findingId,
        detail: { evidenceId, sha256: evidence.sha256 },
      });
      return { evidence, data: evidence.data };
    });
  }

  /** 审核: the deputy leader checks a draft someone else wrote. */
  async check(id: string, user: Principal): Promise<Finding> {
    return this.step(id, user, 'deputy_leader', 'drafted', 'checked', (finding) => {
      if (finding.draftedBy === user.username)
        throw new DomainError(
          'SAME_PERSON',
          'the person who drafted a finding cannot also check it',
        );
      return { checkedBy: user.username };
    });
  }

  /** 签字: the leader signs a checked finding. */
  async sign(id: string, user: Principal): Promise<Finding> {
    return this.step(id, user, 'leader', 'checked', 'signed', () => ({ signedBy: user.username }));
  }

  private async step(
    id: string,
    user: Principal,
    role: 'leader' | 'deputy_leader',
    from: Finding['status'],
    to: Finding['status'],
    fields: (finding: Finding) => Partial<Finding>,
  ): Promise<Finding> {
    return this.dataSource.transaction(async (manager) => {
      const finding = await this.lockFinding(manager, id);
      await this.team.require(manager, finding.inspectionId, user, [role]);
      if (finding.status !== from)
        throw new DomainError(
          from === 'checked' ? 'NOT_CHECKED' : 'NOT_A_DRAFT',
          `finding ${id} is ${finding.status}; it must be ${from} to be ${to}`,
        );
      const change = { ...fields(finding), status: to };
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

  async list(
    inspectionId: string,
    user: Principal,
  ): Promise<Array<Finding & { evidence: Evidence[] }>> {
    await this.team.requireTeamOrOffice(this.dataSource.manager, inspectionId, user);
    return this.withEvidence(this.dataSource.manager, inspectionId);
  }

  /** An inspection's findings in the order drafted, each with its evidence (without the bytes). */
  async withEvidence(
    manager: EntityManager,
    inspectionId: string,
  ): Promise<Array<Finding & { evidence: Evidence[] }>> {
    const findings = await manager.find(Finding, {
      where: { inspectionId },
      order: { createdAt: 'ASC' },
    });
    if (findings.length === 0) return [];
    const evidence = await manager.find(Evidence, {
      where: { findingId: In(findings.map((f) => f.id)) },
      order: { uploadedAt: 'ASC' },
    });
    return findings.map((f) => ({ ...f, evidence: evidence.filter((e) => e.findingId === f.id) }));
  }
}
