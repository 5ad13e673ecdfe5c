import { findOrFail } from '@liandong/common';
import { EntityManager } from 'typeorm';
import { RegistryImport } from '../entities';
import { planningRefusal } from '../planning.errors';

export async function insertImport(
  manager: EntityManager,
  job: RegistryImport,
): Promise<RegistryImport> {
  const row = manager.create(RegistryImport, job);
  await manager.insert(RegistryImport, row);
  return row;
}

export async function updateImport(
  manager: EntityManager,
  id: string,
  change: Partial<RegistryImport>,
): Promise<void> {
  await manager.update(RegistryImport, { id }, change as never);
}

export function findImportOrFail(manager: EntityManager, id: string): Promise<RegistryImport> {
  return findOrFail(manager, RegistryImport, { id }, () =>
    planningRefusal(
      'IMPORT_NOT_FOUND',
      {
        zh: `本节点没有编号为 ${id} 的对象库导入记录，请检查编号（上传文件时返回的 id）`,
        en: `no registry import ${id} on this node; check the id the upload answered with`,
      },
      404,
    ),
  );
}
