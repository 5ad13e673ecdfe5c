import { StreamableFile } from '@nestjs/common';
import { toWorkbook, XLSX_TYPE } from '@liandong/common';
import { TIER_LABELS } from '@liandong/protocol';
import { CATEGORIES } from '../categories';
import { EXPORT_HEADER } from './registry-file';

/** What the template's second sheet says about each column. */
export const TEMPLATE_GUIDE: string[][] = [
  ['列', '是否必填', '填写说明'],
  [
    '代码',
    '必填',
    '党组织代码（如统一社会信用代码），1 到 64 位字母、数字或 . _ -，本节点内不重复',
  ],
  ['名称', '必填', '党组织全称，不超过 200 字'],
  ['类别', '必填', `填写其中之一：${Object.values(CATEGORIES).join('、')}`],
  ['上级代码', '选填', '上级党组织的代码；须在本文件中或已在对象库中'],
  [
    '干部管理层级',
    '必填',
    `主要负责人由哪一级管理，填写其中之一：${Object.values(TIER_LABELS).join('、')}`,
  ],
  [
    '',
    '',
    '第一张工作表第一行为表头，从第二行起每行一个党组织；有任何一处错误则整份不导入，并逐行说明',
  ],
];
/** The empty registry workbook an office fills in: the header, and a sheet saying what each column takes. */
export async function registryTemplate(): Promise<StreamableFile> {
  return new StreamableFile(
    await toWorkbook([
      { name: '对象库', rows: [EXPORT_HEADER] },
      { name: '填写说明', rows: TEMPLATE_GUIDE },
    ]),
    {
      type: XLSX_TYPE,
      disposition: `attachment; filename="registry-template.xlsx"; filename*=UTF-8''${encodeURIComponent('对象库导入模板.xlsx')}`,
    },
  );
}
