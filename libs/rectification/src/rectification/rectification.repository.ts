import { DomainError } from '@liandong/common';

export function rectificationNotFound(id: string): DomainError {
  return new DomainError(
    'RECTIFICATION_NOT_FOUND',
    {
      zh: `本节点没有这项整改（编号 ${id}）。请从整改列表重新选择`,
      en: `no rectification ${id} on this node`,
    },
    404,
  );
}
