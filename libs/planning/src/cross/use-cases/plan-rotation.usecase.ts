import { Injectable } from '@nestjs/common';
import { NodeNames } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { planningRefusal } from '../../planning.errors';
import { orderedInRound } from '../cross-order.repository';
import { RotationPlanDto, RotationPlanView } from '../cross.dto';
import { mapRotationPlan } from '../cross.mapper';
import { planRotation, RotationPlan } from '../rotation-planner';

/**
 * 轮换: a rotation among peers for a round, with no self, reciprocal, repeated (from the
 * previous round) or recused pair — or why there is none. Changes nothing.
 */
@Injectable()
export class PlanRotation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly names: NodeNames,
  ) {}

  async execute(request: RotationPlanDto): Promise<RotationPlanView> {
    const previous = request.previousRoundId
      ? await orderedInRound(this.dataSource.manager, request.previousRoundId)
      : [];
    const previousPairs = previous.map((o) => ({
      visitingNode: o.visitingNode,
      inspectedNode: o.inspectedNode,
    }));
    const repeated = [...new Set(request.peers.filter((p, i) => request.peers.indexOf(p) !== i))];
    if (repeated.length > 0)
      throw planningRefusal(
        'BAD_PLAN_REQUEST',
        {
          zh: `参与交叉的同级（peers）中${repeated.map((n) => this.names.label(n)).join('、')}重复出现，请每个节点只列一次`,
          en: `duplicate peer ids: ${repeated.join(', ')}`,
        },
        400,
      );
    let plan: RotationPlan;
    try {
      plan = planRotation({
        peers: request.peers,
        label: (id) => this.names.label(id),
        previousPairs,
        conflicts: request.conflicts ?? [],
      });
    } catch (error) {
      throw planningRefusal(
        'BAD_PLAN_REQUEST',
        {
          zh: `无法按所列的参与交叉的同级（peers）生成轮换方案：须为 2 到 64 个各不相同的节点，请检查后重试（${(error as Error).message}）`,
          en: (error as Error).message,
        },
        400,
      );
    }
    return mapRotationPlan({ ...plan, previousPairs });
  }
}
