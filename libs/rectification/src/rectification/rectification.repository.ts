import { DomainError } from '@liandong/common';
import { rectificationRefusal } from '../rectification.errors';

export function rectificationNotFound(id: string): DomainError {
  return rectificationRefusal(
    'RECTIFICATION_NOT_FOUND',
    {
      zh: `本节点没有这项整改（编号 ${id}）。请从整改列表重新选择`,
      en: `no rectification ${id} on this node`,
    },
    404,
  );
}
