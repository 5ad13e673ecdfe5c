import { Inject, Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { PolicyBook } from '@liandong/directives';
import {
  AuditService,
  Clock,
  KeyRegistryService,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
} from '@liandong/messaging';
import { CoverageReporter, InspectionDirectory } from '@liandong/planning';
import {
  BODY_LABELS,
  Body,
  chinaDate,
  nodeAudience,
  REFERRAL_BODY,
  ReferralMadeV1,
  seal,
  SealedBox,
  uuidv7,
} from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { ReferralDto } from '../../dto/referral.dto';
import { ReferralView } from '../../dto/referral.views';
import { Finding, Referral } from '../../entities';
import { titleOf } from '../../findings/dossier';
import { findFinding } from '../../findings/finding.repository';
import { FINDING_STATUS_LABELS } from '../../labels';
import { rectificationRefusal } from '../../rectification.errors';
import { ACKNOWLEDGE_DAYS_POLICY, DEFAULT_ACKNOWLEDGE_DAYS } from '../acknowledge-deadline';
import { CadreJurisdiction } from '../cadre-jurisdiction';
import { mapReferral } from '../referral.mapper';
import { insertReferral } from '../referral.repository';

const DAY_MS = 86_400_000;

/**
 * 移交: a signed finding handed to the body with jurisdiction — a clue to the discipline body
 * of the tier that manages the cadre, which may be an ancestor — with the content sealed to
 * that body's key; a recommendation goes to a functional department, unsealed. The receiver
 * acknowledges within the days of the policy in force.
 */
@Injectable()
export class MakeReferral {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly keys: KeyRegistryService,
    private readonly policies: PolicyBook,
    private readonly inspections: InspectionDirectory,
    private readonly coverage: CoverageReporter,
    private readonly jurisdiction: CadreJurisdiction,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(findingId: string, dto: ReferralDto, user: Principal): Promise<ReferralView> {
    const self = this.options.identity.nodeId;
    const referral = await this.dataSource.transaction(async (manager) => {
      const finding = await findFinding(manager, findingId);
      requireSigned(finding);
      const inspection = await this.inspections.get(manager, finding.inspectionId);
      const target = await this.jurisdiction.targetOf(manager, inspection.ownerNode, dto);
      const body = REFERRAL_BODY[dto.kind];
      if (!body && !dto.department)
        throw rectificationRefusal(
          'DEPARTMENT_REQUIRED',
          {
            zh: '移交工作建议时须填写接收建议的职能部门',
            en: 'department is required for a recommendation (the functional department it goes to)',
          },
          400,
        );
      const sealed = body ? await this.sealTo(target, body, dto.content) : null;
      const now = this.clock.now();
      const policy = await this.policies.inForce(ACKNOWLEDGE_DAYS_POLICY, chinaDate(now), manager);
      const days = policy?.value ?? DEFAULT_ACKNOWLEDGE_DAYS;
      const referral = manager.create(Referral, {
        id: uuidv7(now.getTime()),
        fromNode: self,
        targetNode: target,
        kind: dto.kind,
        body,
        sealed,
        recommendation: body ? null : { department: dto.department as string, text: dto.content },
        cadreTier: dto.cadreTier ?? null,
        inspectionId: inspection.id,
        findingId,
        organizationName: inspection.organizationName,
        sentAt: now,
        acknowledgeBy: new Date(now.getTime() + days * DAY_MS),
        acknowledgedAt: null,
        acknowledgedBy: null,
        disposedAt: null,
        disposition: null,
      });
      await insertReferral(manager, referral);
      if (target !== self) {
        const payload: ReferralMadeV1 = {
          referralId: referral.id,
          kind: referral.kind,
          body,
          sealed,
          recommendation: referral.recommendation,
          cadreTier: referral.cadreTier,
          inspectionId: referral.inspectionId,
          findingId,
          organizationName: referral.organizationName,
          acknowledgeBy: referral.acknowledgeBy.toISOString(),
        };
        await this.outbox.emit(manager, {
          type: ReferralMadeV1.type,
          audience: nodeAudience(target),
          payload,
        });
      }
      await this.coverage.report(manager);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'referral.made',
        subjectType: 'referral',
        subjectId: referral.id,
        detail: { kind: referral.kind, targetNode: target, body, findingId, acknowledgeDays: days },
      });
      return referral;
    });
    return mapReferral(referral, this.clock.now(), (id) => this.names.label(id));
  }

  /** The content sealed to the receiving body's registered key, or why it cannot be. */
  private async sealTo(target: string, body: Body, content: string): Promise<SealedBox> {
    return this.keys.bodyKey(target, body).then(
      (key) => seal(content, { nodeId: target, body, publicKey: key.publicKey }),
      (error: Error) => {
        throw rectificationRefusal('NO_BODY_KEY', {
          zh: `无法加密发送给${this.names.label(target)}的${BODY_LABELS[body]}：尚未取得该机关的密钥。请联系${this.names.label(target)}的系统管理员登记受理机关密钥后再移交`,
          en: `cannot seal to the ${body} body of ${this.names.label(target)}: ${error.message}`,
        });
      },
    );
  }
}

/** Only a finding the leader signed, with its evidence, is referred. */
function requireSigned(finding: Finding): void {
  if (finding.status === 'signed') return;
  throw rectificationRefusal('FINDING_NOT_SIGNED', {
    zh:
      finding.status === 'withdrawn'
        ? `问题${titleOf(finding)}已撤回，不能移交`
        : `问题${titleOf(finding)}${FINDING_STATUS_LABELS[finding.status]}，尚未经组长签字，不能移交。只有经组长签字、证据齐全的问题才能移交`,
    en: `finding ${finding.id} is ${finding.status}; only a signed, evidence-backed finding is referred`,
  });
}
