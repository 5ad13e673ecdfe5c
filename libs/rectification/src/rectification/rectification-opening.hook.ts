import { Injectable, OnModuleInit } from '@nestjs/common';
import { PolicyBook } from '@liandong/directives';
import { AuditService, Clock } from '@liandong/messaging';
import { InspectionHooks } from '@liandong/planning';
import type { Inspection } from '@liandong/planning';
import { chinaDate, FeedbackProblemV1, uuidv7 } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { Rectification } from '../entities';
import {
  addMonths,
  DEFAULT_PROGRESS_REPORT_MONTHS,
  PROGRESS_REPORT_MONTHS_POLICY,
} from './deadline';
import { insertRectification } from './rectification.repository';

/**
 * Feedback was given to one of this node's organizations (by this node, or on receipt from
 * the node that conducted an escalated or cross inspection): its rectification opens, with
 * the problem list from the feedback and the progress report due by the rule in force on the
 * feedback day. Plugs into planning's feedback hook after the FeedbackGate (the module lists
 * it later), in the transaction that records the feedback.
 */
@Injectable()
export class RectificationOpening implements OnModuleInit {
  constructor(
    private readonly hooks: InspectionHooks,
    private readonly policies: PolicyBook,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.hooks.onFeedback({
      given: (manager, inspection, problems) => this.open(manager, inspection, problems),
    });
  }

  async open(
    manager: EntityManager,
    inspection: Inspection,
    problems: FeedbackProblemV1[],
  ): Promise<void> {
    const feedbackAt = inspection.feedbackAt as Date;
    const feedbackDay = chinaDate(feedbackAt);
    const policy = await this.policies.inForce(PROGRESS_REPORT_MONTHS_POLICY, feedbackDay, manager);
    const months = policy?.value ?? DEFAULT_PROGRESS_REPORT_MONTHS;
    const rectification = manager.create(Rectification, {
      id: uuidv7(this.clock.now().getTime()),
      inspectionId: inspection.id,
      organizationCode: inspection.organizationCode,
      organizationName: inspection.organizationName,
      conductingNode: inspection.conductingNode,
      mode: inspection.mode,
      feedbackAt,
      dueOn: addMonths(feedbackDay, months),
      policyMonths: months,
      policySetBy: policy?.setByNode ?? null,
      disclosureText: null,
      disclosedOn: null,
      followUpInspectionId: null,
      createdAt: this.clock.now(),
    });
    await insertRectification(
      manager,
      rectification,
      problems.map((p) => ({
        id: uuidv7(this.clock.now().getTime()),
        rectificationId: rectification.id,
        findingId: p.findingId,
        problem: `${p.title}：${p.facts}`,
        basis: p.basis,
        responsiblePerson: null,
        unitHead: null,
        tasks: [],
        status: 'open' as const,
        proof: null,
        closedBy: null,
        closedAt: null,
      })),
    );
    await this.audit.record(manager, {
      actor: `node:${inspection.conductingNode}`,
      action: 'rectification.opened',
      subjectType: 'rectification',
      subjectId: rectification.id,
      detail: {
        inspectionId: inspection.id,
        problems: problems.length,
        dueOn: rectification.dueOn,
        months,
        policySetBy: rectification.policySetBy,
      },
    });
  }
}
