import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService, Clock, NodeNames } from '@liandong/messaging';
import { chinaDate } from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import { EvaluationAnswer, EvaluationCode, EvaluationRound } from '../../entities';
import { evaluationRefusal } from '../../evaluation.errors';
import { Choices, choiceProblems, QUESTIONNAIRES } from '../../questionnaire';
import { CodeThrottle } from '../code-throttle';
import { hashCode, normalizeCode } from '../codes';
import { EvaluationCodeDto, SubmitEvaluationAnswerDto } from '../evaluation.dto';
import { mapQuestionnaire, nodeName } from '../evaluation.mapper';
import { EvaluationFormView, EvaluationReceiptView } from '../evaluation.views';

const unknownCode = () =>
  evaluationRefusal(
    'CODE_UNKNOWN',
    {
      zh: '评价码不正确，请核对评价码条上的字母和数字后重新输入',
      en: 'no open evaluation has this code',
    },
    404,
  );

/**
 * The public answering page (no sign-in): a code opens the questionnaire of its round, and
 * answers it once. The answer is stored without the code, the user, the address or any time
 * finer than the day, under a random id; the code is only marked used. The audit says that an
 * answer was received for the round, not with which code.
 */
@Injectable()
export class SubmitEvaluationAnswer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly throttle: CodeThrottle,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  /** 打开问卷: what the code's round asks, or why the code opens nothing. */
  async form(dto: EvaluationCodeDto, address: string): Promise<EvaluationFormView> {
    return this.dataSource.transaction(async (manager) => {
      const { round } = await this.usable(manager, dto.code, address, false);
      return {
        organizationName: round.organizationName,
        conductingNodeName: nodeName(this.names, round.conductingNode),
        questionnaire: mapQuestionnaire(
          QUESTIONNAIRES.get(round.questionnaireVersion) ?? [...QUESTIONNAIRES.values()][0],
        ),
      };
    });
  }

  async execute(dto: SubmitEvaluationAnswerDto, address: string): Promise<EvaluationReceiptView> {
    return this.dataSource.transaction(async (manager) => {
      const { round, code } = await this.usable(manager, dto.code, address, true);
      const questionnaire = QUESTIONNAIRES.get(round.questionnaireVersion);
      const problems = questionnaire ? choiceProblems(questionnaire, dto.choices as Choices) : [];
      if (!questionnaire || problems.length)
        throw evaluationRefusal(
          'ANSWER_INVALID',
          {
            zh: `问卷未填写完整：${problems.join('；')}`,
            en: `the answer does not fit the questionnaire: ${problems.length} problems`,
          },
          400,
          {
            fields: [
              {
                field: 'choices',
                label: '评价',
                problems,
                problemsEn: problems.map(() => 'missing or out of range'),
              },
            ],
          },
        );
      const choices: Choices = {};
      for (const item of questionnaire.items) choices[item.key] = dto.choices[item.key];
      const used = await manager.update(
        EvaluationCode,
        { codeHash: code.codeHash, used: false },
        { used: true },
      );
      if (used.affected !== 1) throw this.usedCode();
      await manager.insert(EvaluationAnswer, {
        id: randomUUID(),
        roundId: round.id,
        answeredOn: chinaDate(this.clock.now()),
        choices,
        comment: dto.comment?.trim() || null,
      });
      await this.audit.record(manager, {
        actor: 'anonymous',
        action: 'evaluation.answer_received',
        subjectType: 'evaluation_round',
        subjectId: round.id,
      });
      return {
        received: true,
        message: '提交成功，感谢您的评价。本评价不记名，系统不记录填写人的任何信息。',
      };
    });
  }

  private usedCode() {
    return evaluationRefusal('CODE_USED', {
      zh: '这个评价码已经提交过评价，每个评价码只能使用一次',
      en: 'this code has been used',
    });
  }

  /** The code's row (locked when answering) and its open round, or the refusal. */
  private async usable(
    manager: EntityManager,
    typed: string,
    address: string,
    lock: boolean,
  ): Promise<{ round: EvaluationRound; code: EvaluationCode }> {
    this.throttle.check(address);
    const normalized = normalizeCode(typed);
    const code = normalized
      ? await manager.findOne(EvaluationCode, {
          where: { codeHash: hashCode(normalized) },
          ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (!code) {
      this.throttle.fail(address);
      throw unknownCode();
    }
    // The round is read FOR SHARE: closing it (FOR UPDATE) waits for answers under way.
    const round = (await manager.findOne(EvaluationRound, {
      where: { id: code.roundId },
      ...(lock ? { lock: { mode: 'pessimistic_read' as const } } : {}),
    })) as EvaluationRound;
    if (round.state === 'closed')
      throw evaluationRefusal('ROUND_CLOSED', {
        zh: `对${round.organizationName}巡视巡察组的评价已经结束，不再接收答卷`,
        en: 'this evaluation round is closed',
      });
    if (code.used) {
      this.throttle.fail(address);
      throw this.usedCode();
    }
    return { round, code };
  }
}
