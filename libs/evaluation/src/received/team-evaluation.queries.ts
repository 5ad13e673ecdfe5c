import { Injectable } from '@nestjs/common';
import { NodeNames } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { ReceivedEvaluation } from '../entities';
import { evaluationRefusal } from '../evaluation.errors';
import { average, mapReceived } from '../rounds/evaluation.mapper';
import { TeamRecordView } from '../rounds/evaluation.views';

/** 巡视巡察组的后评估: the aggregates this node's teams received, by leader, across rounds. */
@Injectable()
export class TeamEvaluationQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly names: NodeNames,
  ) {}

  async teams(): Promise<TeamRecordView[]> {
    const rows = await this.dataSource.manager.find(ReceivedEvaluation, {
      order: { feedbackAt: 'DESC' },
    });
    const byLeader = new Map<string, ReceivedEvaluation[]>();
    for (const row of rows) {
      const key = row.leaderId ?? '';
      byLeader.set(key, [...(byLeader.get(key) ?? []), row]);
    }
    return [...byLeader.values()]
      .map((evaluations) => this.record(evaluations))
      .sort((a, b) => a.leaderName.localeCompare(b.leaderName, 'zh-CN'));
  }

  async team(leaderId: string): Promise<TeamRecordView> {
    const rows = await this.dataSource.manager.find(ReceivedEvaluation, {
      where: { leaderId },
      order: { feedbackAt: 'DESC' },
    });
    if (!rows.length)
      throw evaluationRefusal(
        'TEAM_NOT_FOUND',
        {
          zh: '这位组长带领的巡视巡察组还没有收到后评估结果',
          en: `no evaluation was received for a team led by ${leaderId}`,
        },
        404,
      );
    return this.record(rows);
  }

  private record(rows: ReceivedEvaluation[]): TeamRecordView {
    const rounds = rows.map((row) => mapReceived(row, this.names));
    return {
      leaderId: rows[0].leaderId ?? '',
      leaderName: rows[0].leaderName ?? '（未记录组长）',
      evaluations: rounds.length,
      overallMean: average(
        rounds.map((r) => r.overallMean).filter((m): m is number => m !== null),
        2,
      ),
      satisfiedShare:
        average(
          rounds.map((r) => r.satisfiedShare),
          1,
        ) ?? 0,
      rounds,
    };
  }
}
