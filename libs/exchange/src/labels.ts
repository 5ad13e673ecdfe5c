import type { InformationRequestKind } from '@liandong/protocol';
import type { RequestState } from './requests/request-state';

export const REQUEST_KIND_LABELS: Record<InformationRequestKind, string> = {
  information: '巡前信息沟通',
  support: '巡中监督手段支持',
};

export const REQUEST_STATE_LABELS: Record<RequestState, string> = {
  open: '待答复',
  overdue: '逾期未答复',
  answered: '已答复',
  answered_late: '逾期答复',
};
