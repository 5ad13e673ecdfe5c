import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { PolicyBook } from '@liandong/directives';
import {
  AuditService,
  Clock,
  EventHandlerRegistry,
  FederationNode,
  KeyRegistryService,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
} from '@liandong/messaging';
import { CoverageReporter, InspectionDirectory, InspectionHooks } from '@liandong/planning';
import {
  BODY_LABELS,
  chinaDate,
  nodeAudience,
  open,
  REFERRAL_BODY,
  ReferralAcknowledgedV1,
  ReferralDisposedV1,
  ReferralKind,
  ReferralMadeV1,
  RefusalError,
  seal,
  Tier,
  TIER_LABELS,
  TIERS,
  uuidv7,
} from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import { ReferralContentView } from '../dto/referral.views';
import { Finding, Referral } from '../entities';
import { titleOf } from '../findings/dossier';
import { FINDING_STATUS_LABELS, REFERRAL_KIND_LABELS } from '../labels';
import { ReferralQueries } from './referral.queries';
import { rectificationRefusal } from '../rectification.errors';

export const ACKNOWLEDGE_DAYS_POLICY = 'referral.acknowledge_days';
/** Without a policy version in force, a referral is acknowledged within 15 days. */
export const DEFAULT_ACKNOWLEDGE_DAYS = 15;
const DAY_MS = 86_400_000;

export interface ReferralCommand {
  kind: ReferralKind;
  /** What is handed over; sealed to the receiving body (not for a recommendation). */
  content: string;
  cadreTier?: Tier;
  department?: string;
}

/**
 * 移交: a signed finding handed to the body with jurisdiction — a clue to the discipline body
 * of the tier that manages the cadre, which may be an ancestor — with the content sealed to
 * that body's key. Receivers acknowledge within the deadline and report the disposition.
 */
@Injectable()
export class ReferralsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly handlers: EventHandlerRegistry,
    private readonly keys: KeyRegistryService,
    private readonly policies: PolicyBook,
    private readonly inspections: InspectionDirectory,
    private readonly coverage: CoverageReporter,
    private readonly hooks: InspectionHooks,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    private readonly queries: ReferralQueries,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  private get self(): string {
    return this.options.identity.nodeId;
  }

  onModuleInit(): void {
    this.handlers.on<ReferralMadeV1>(ReferralMadeV1.type, ({ envelope, manager, issuerPath }) =>
      this.received(manager, envelope.issuer, issuerPath, envelope.payload),
    );
    this.handlers.on<ReferralAcknowledgedV1>(ReferralAcknowledgedV1.type, ({ envelope, manager }) =>
      this.answered(
        manager,
        envelope.issuer,
        envelope.payload.referralId,
        'referral.acknowledged',
        {
          acknowledgedAt: new Date(envelope.payload.acknowledgedAt),
          acknowledgedBy: envelope.payload.acknowledgedBy,
        },
      ),
    );
    this.handlers.on<ReferralDisposedV1>(ReferralDisposedV1.type, ({ envelope, manager }) =>
      this.answered(manager, envelope.issuer, envelope.payload.referralId, 'referral.disposed', {
        disposedAt: new Date(envelope.payload.disposedAt),
        disposition: envelope.payload.disposition,
      }),
    );
    this.hooks.addOversight((manager) => this.queries.figures(manager));
  }

  /** Which node's body has jurisdiction: by cadre tier for clues and cadre selection, else the organization's own node. */
  private async targetOf(
    manager: EntityManager,
    ownerNode: string,
    command: ReferralCommand,
  ): Promise<string> {
    if (command.kind !== 'clue' && command.kind !== 'cadre_selection') return ownerNode;
    if (!command.cadreTier)
      throw rectificationRefusal(
        'CADRE_TIER_REQUIRED',
        {
          zh: `移交${REFERRAL_KIND_LABELS[command.kind]}时须填写干部管理层级（中央、省级、市级或县级），据此确定由哪一级机关受理`,
          en: 'cadreTier is required for a clue or a cadre-selection problem: it decides which body has jurisdiction (干部管理权限)',
        },
        400,
      );
    // The path runs central first, one node per tier: the tier's index is its place in it.
    const { path, tier } = this.options.identity;
    const depth = TIERS.indexOf(command.cadreTier);
    if (depth < path.length) return path[depth];
    const owner = await manager.findOne(FederationNode, { where: { nodeId: ownerNode } });
    if (owner?.tier === command.cadreTier) return ownerNode;
    if (ownerNode === this.self && tier === command.cadreTier) return this.self;
    const tierLabel = TIER_LABELS[command.cadreTier];
    throw rectificationRefusal('NO_BODY_WITH_JURISDICTION', {
      zh: `${this.names.label(this.self)}及其上级、被巡察对象所在的${this.names.label(ownerNode)}都不是${tierLabel}节点，找不到管理该干部的${tierLabel}受理机关。请核对干部管理层级`,
      en: `no node on this line (${this.names.label(this.self)} and its ancestors, or the organization's ${this.names.label(ownerNode)}) is at the ${command.cadreTier} tier that manages the cadre`,
    });
  }

  async make(findingId: string, command: ReferralCommand, user: Principal): Promise<Referral> {
    return this.dataSource.transaction(async (manager) => {
      const finding = await manager.findOne(Finding, { where: { id: findingId } });
      if (!finding)
        throw rectificationRefusal(
          'FINDING_NOT_FOUND',
          {
            zh: `本节点没有这个问题（编号 ${findingId}）。请回到问题列表重新选择`,
            en: `no finding ${findingId} on this node`,
          },
          404,
        );
      if (finding.status !== 'signed')
        throw rectificationRefusal('FINDING_NOT_SIGNED', {
          zh:
            finding.status === 'withdrawn'
              ? `问题${titleOf(finding)}已撤回，不能移交`
              : `问题${titleOf(finding)}${FINDING_STATUS_LABELS[finding.status]}，尚未经组长签字，不能移交。只有经组长签字、证据齐全的问题才能移交`,
          en: `finding ${findingId} is ${finding.status}; only a signed, evidence-backed finding is referred`,
        });
      const inspection = await this.inspections.get(manager, finding.inspectionId);
      const target = await this.targetOf(manager, inspection.ownerNode, command);
      const body = REFERRAL_BODY[command.kind];
      if (!body && !command.department)
        throw rectificationRefusal(
          'DEPARTMENT_REQUIRED',
          {
            zh: '移交工作建议时须填写接收建议的职能部门',
            en: 'department is required for a recommendation (the functional department it goes to)',
          },
          400,
        );
      const sealed = body
        ? await this.keys.bodyKey(target, body).then(
            (key) => seal(command.content, { nodeId: target, body, publicKey: key.publicKey }),
            (error: Error) => {
              throw rectificationRefusal('NO_BODY_KEY', {
                zh: `无法加密发送给${this.names.label(target)}的${BODY_LABELS[body]}：尚未取得该机关的密钥。请联系${this.names.label(target)}的系统管理员登记受理机关密钥后再移交`,
                en: `cannot seal to the ${body} body of ${this.names.label(target)}: ${error.message}`,
              });
            },
          )
        : null;
      const now = this.clock.now();
      const policy = await this.policies.inForce(ACKNOWLEDGE_DAYS_POLICY, chinaDate(now), manager);
      const days = policy?.value ?? DEFAULT_ACKNOWLEDGE_DAYS;
      const referral = manager.create(Referral, {
        id: uuidv7(now.getTime()),
        fromNode: this.self,
        targetNode: target,
        kind: command.kind,
        body,
        sealed,
        recommendation: body
          ? null
          : { department: command.department as string, text: command.content },
        cadreTier: command.cadreTier ?? null,
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
      await manager.insert(Referral, referral);
      if (target !== this.self) {
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
  }

  private async received(
    manager: EntityManager,
    from: string,
    issuerPath: string[],
    payload: ReferralMadeV1,
  ): Promise<void> {
    const inLine =
      this.options.identity.path.slice(0, -1).includes(from) ||
      issuerPath.slice(0, -1).includes(this.self);
    if (!inLine)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${this.names.label(from)} is neither an ancestor nor a descendant of ${this.names.label(this.self)}; referrals follow the tree`,
      );
    if (payload.sealed && payload.sealed.recipientNode !== this.self)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `the content is sealed to ${this.names.label(payload.sealed.recipientNode)}, not to ${this.names.label(this.self)}`,
      );
    await manager.insert(Referral, {
      id: payload.referralId,
      fromNode: from,
      targetNode: this.self,
      kind: payload.kind,
      body: payload.body ?? null,
      sealed: payload.sealed ?? null,
      recommendation: payload.recommendation ?? null,
      cadreTier: payload.cadreTier ?? null,
      inspectionId: payload.inspectionId,
      findingId: payload.findingId,
      organizationName: payload.organizationName,
      sentAt: this.clock.now(),
      acknowledgeBy: new Date(payload.acknowledgeBy),
    });
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'referral.received',
      subjectType: 'referral',
      subjectId: payload.referralId,
      detail: { kind: payload.kind, body: payload.body },
    });
  }

  private async answered(
    manager: EntityManager,
    from: string,
    referralId: string,
    action: string,
    change: Partial<Referral>,
  ): Promise<void> {
    const result = await manager.update(
      Referral,
      { id: referralId, fromNode: this.self, targetNode: from },
      change,
    );
    if (!result.affected)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${this.names.label(this.self)} sent no referral ${referralId} to ${this.names.label(from)}`,
      );
    await this.coverage.report(manager);
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action,
      subjectType: 'referral',
      subjectId: referralId,
    });
  }

  private async lockReceived(manager: EntityManager, id: string): Promise<Referral> {
    const referral = await manager.findOne(Referral, {
      where: { id, targetNode: this.self },
      lock: { mode: 'pessimistic_write' },
    });
    if (!referral)
      throw rectificationRefusal(
        'REFERRAL_NOT_FOUND',
        {
          zh: `没有发给${this.names.label(this.self)}的这件移交（编号 ${id}）。请从收到的移交列表重新选择`,
          en: `no referral ${id} was sent to ${this.names.label(this.self)}`,
        },
        404,
      );
    return referral;
  }

  /**
   * The sender learns of an acknowledgement or a disposition by event; a referral to this
   * node's own bodies changes this node's own figures instead.
   */
  private async tellSender<P extends object>(
    manager: EntityManager,
    referral: Referral,
    type: string,
    payload: P,
  ): Promise<void> {
    if (referral.fromNode === this.self) return this.coverage.report(manager);
    await this.outbox.emit(manager, { type, audience: nodeAudience(referral.fromNode), payload });
  }

  /** 签收, by the receiving node; its sender is told. */
  async acknowledge(id: string, user: Principal): Promise<Referral> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.lockReceived(manager, id);
      if (referral.acknowledgedAt) return referral;
      const now = this.clock.now();
      await manager.update(
        Referral,
        { id },
        { acknowledgedAt: now, acknowledgedBy: user.username },
      );
      await this.tellSender<ReferralAcknowledgedV1>(
        manager,
        referral,
        ReferralAcknowledgedV1.type,
        {
          referralId: id,
          acknowledgedAt: now.toISOString(),
          acknowledgedBy: user.username,
        },
      );
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'referral.acknowledged',
        subjectType: 'referral',
        subjectId: id,
      });
      return { ...referral, acknowledgedAt: now, acknowledgedBy: user.username };
    });
  }

  /** 处置: the disposition, after acknowledgement; its sender is told. */
  async dispose(id: string, disposition: string, user: Principal): Promise<Referral> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.lockReceived(manager, id);
      if (!referral.acknowledgedAt)
        throw rectificationRefusal('NOT_ACKNOWLEDGED', {
          zh: '这件移交尚未签收。请先签收，再填写处置情况',
          en: `acknowledge referral ${id} before its disposition`,
        });
      if (referral.disposedAt)
        throw rectificationRefusal('ALREADY_DISPOSED', {
          zh: '这件移交已经填写了处置情况，不能重复填写',
          en: `referral ${id} already has its disposition`,
        });
      const now = this.clock.now();
      await manager.update(Referral, { id }, { disposedAt: now, disposition });
      await this.tellSender<ReferralDisposedV1>(manager, referral, ReferralDisposedV1.type, {
        referralId: id,
        disposedAt: now.toISOString(),
        disposition,
      });
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'referral.disposed',
        subjectType: 'referral',
        subjectId: id,
      });
      return { ...referral, disposedAt: now, disposition };
    });
  }

  /** Opens the sealed content for the receiving body it was sealed to; audited. */
  async content(id: string, user: Principal): Promise<ReferralContentView> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.lockReceived(manager, id);
      if (!referral.sealed || !referral.body)
        return {
          body: 'functional',
          bodyLabel: referral.recommendation?.department ?? '',
          text: referral.recommendation?.text ?? '',
        };
      const key = this.options.identity.bodies[referral.body];
      if (!key || key.keyId !== referral.sealed.kid)
        throw rectificationRefusal(
          'NO_BODY_KEY',
          {
            zh: `${this.names.label(this.self)}的${BODY_LABELS[referral.body]}没有能打开这件移交的密钥（可能密钥已更换）。请联系本节点系统管理员`,
            en: `${this.names.label(this.self)} holds no key of its ${referral.body} body that opens referral ${id}`,
          },
          409,
        );
      const text = open(referral.sealed, key);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'referral.content_read',
        subjectType: 'referral',
        subjectId: id,
        detail: { body: referral.body },
      });
      return { body: referral.body, bodyLabel: BODY_LABELS[referral.body], text };
    });
  }
}
