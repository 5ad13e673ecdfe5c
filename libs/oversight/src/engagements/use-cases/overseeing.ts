import { NodeNames } from '@liandong/messaging';
import { Engagement } from '../../entities';
import { oversightRefusal } from '../../oversight.errors';

/** Only the overseeing end works on an engagement (observations, attendance, closing, reads). */
export function requireOverseeing(engagement: Engagement, names: NodeNames): void {
  if (engagement.role !== 'overseeing')
    throw oversightRefusal('NOT_OVERSEEING', {
      zh: `这项指导督导由${names.label(engagement.overseeingNode)}开展，本节点是被督导方，不能记录督导情况或结束督导`,
      en: `engagement ${engagement.id} is conducted by ${engagement.overseeingNode}; this node is the overseen end`,
    });
}

/** Only the overseen end acknowledges, grants and answers. */
export function requireOverseen(engagement: Engagement, names: NodeNames): void {
  if (engagement.role !== 'overseen')
    throw oversightRefusal('NOT_OVERSEEN', {
      zh: `这项指导督导是本节点对${names.label(engagement.overseenNode)}开展的，签收、授权查阅和答复督导意见由被督导节点办理`,
      en: `engagement ${engagement.id} is this node's own over ${engagement.overseenNode}; the overseen node acknowledges, grants and answers`,
    });
}

export function requireOpen(engagement: Engagement): void {
  if (engagement.status === 'closed' || engagement.status === 'refused')
    throw oversightRefusal('ENGAGEMENT_CLOSED', {
      zh: `这项指导督导已${engagement.status === 'closed' ? '结束' : '被拒收'}，不能再修改`,
      en: `engagement ${engagement.id} is ${engagement.status}; nothing more can be recorded on it`,
    });
}

export function requireInChecklist(engagement: Engagement, items: string[]): void {
  const outside = items.filter((item) => !engagement.checklist.includes(item as never));
  if (outside.length > 0)
    throw oversightRefusal('ITEM_NOT_IN_CHECKLIST', {
      zh: `督导清单中没有这些事项：${outside.join('、')}。请从本次督导的清单中选择`,
      en: `not on this engagement's checklist: ${outside.join(', ')}`,
    });
}
