import { TextDecoder } from 'node:util';
import { Tier, TIER_LABELS } from '@liandong/protocol';
import { Category, CATEGORIES, parseCategory, parseTier } from '../categories';
import { RegistryEncoding, RowProblem } from '../entities';

/**
 * The text of a CSV registry file. A file that is valid UTF-8 (with or without a BOM) is
 * UTF-8; anything else is taken as GB18030 — the superset of GBK and GB2312 that Excel
 * writes when it saves "CSV" on Chinese Windows. (Valid UTF-8 Chinese text is almost never
 * also a GB18030 file someone meant, and the reverse does not decode as UTF-8.)
 */
export function decodeRegistryCsv(data: Uint8Array): { text: string; encoding: RegistryEncoding } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(data), encoding: 'GB18030' };
  }
}

/** One organization as read from a file, before it is checked against the registry. */
export interface RegistryRow {
  row: number;
  code: string;
  name: string;
  category: Category;
  parentCode: string | null;
  cadreTier: Tier;
}

const COLUMNS = {
  code: ['代码', '组织代码', 'code'],
  name: ['名称', '党组织名称', 'name'],
  category: ['类别', 'category'],
  parentCode: ['上级代码', '上级组织代码', 'parent_code', 'parent'],
  cadreTier: ['干部管理层级', '干部管理权限', 'cadre_tier'],
} as const;
type Column = keyof typeof COLUMNS;

/** The header the export writes (and the import reads first). */
export const EXPORT_HEADER = ['代码', '名称', '类别', '上级代码', '干部管理层级'];

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The column a problem is in, as the office's file names it. */
export const FIELD_LABELS: Record<string, string> = {
  code: '代码',
  name: '名称',
  category: '类别',
  parent_code: '上级代码',
  cadre_tier: '干部管理层级',
  header: '表头',
  file: '文件',
};

/** A problem of one row: what a clerk reads (zh), and the English beside it. */
export function rowProblem(row: number, field: string, zh: string, en: string): RowProblem {
  return { row, field, fieldLabel: FIELD_LABELS[field] ?? field, problem: zh, problemEn: en };
}

/** Reads the rows of a registry file, collecting a problem for each bad field of each row. */
export function readRegistryRows(table: string[][]): {
  rows: RegistryRow[];
  problems: RowProblem[];
} {
  const problems: RowProblem[] = [];
  const [header, ...body] = table;
  if (!header)
    return {
      rows: [],
      problems: [rowProblem(1, 'header', '文件是空的，请检查是否选错了文件', 'the file is empty')],
    };
  const index = {} as Record<Column, number>;
  for (const column of Object.keys(COLUMNS) as Column[]) {
    index[column] = header.findIndex((cell) =>
      (COLUMNS[column] as readonly string[]).includes(cell.trim()),
    );
    if (index[column] < 0 && column !== 'parentCode') {
      problems.push(
        rowProblem(
          1,
          column === 'cadreTier' ? 'cadre_tier' : column,
          `表头中没有“${COLUMNS[column][0]}”列（也可写作 ${COLUMNS[column].slice(1).join('、')}）。请用导出的对象库文件作模板，第一行为：${EXPORT_HEADER.join('、')}`,
          `no column ${COLUMNS[column].join(' / ')} in the header`,
        ),
      );
    }
  }
  if (problems.length > 0) return { rows: [], problems };
  const rows: RegistryRow[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    const cell = (column: Column) =>
      index[column] >= 0 ? (cells[index[column]] ?? '').trim() : '';
    const code = cell('code');
    const name = cell('name');
    const category = parseCategory(cell('category'));
    const cadreTier = parseTier(cell('cadreTier'));
    const parent = cell('parentCode');
    const before = problems.length;
    if (!CODE.test(code))
      problems.push(
        code
          ? rowProblem(
              row,
              'code',
              `代码“${code}”不符合规定：须为 1 到 64 位字母、数字或 . _ -，以字母或数字开头`,
              `code ${code} must be 1–64 letters, digits, . _ -`,
            )
          : rowProblem(row, 'code', '代码为空，请填写党组织代码', 'code is empty'),
      );
    if (!name || name.length > 200)
      problems.push(
        name
          ? rowProblem(row, 'name', '名称超过 200 字，请缩短', 'name is longer than 200 characters')
          : rowProblem(row, 'name', '名称为空，请填写党组织名称', 'name is empty'),
      );
    if (!category)
      problems.push(
        rowProblem(
          row,
          'category',
          `类别“${cell('category')}”不是可用的类别，请填写其中之一：${Object.values(CATEGORIES).join('、')}`,
          `category “${cell('category')}” is not one of ${Object.values(CATEGORIES).join('、')}`,
        ),
      );
    if (!cadreTier)
      problems.push(
        rowProblem(
          row,
          'cadre_tier',
          `干部管理层级“${cell('cadreTier')}”不是可用的层级，请填写其中之一：${Object.values(TIER_LABELS).join('、')}`,
          `cadre tier “${cell('cadreTier')}” is not one of ${Object.values(TIER_LABELS).join('、')}`,
        ),
      );
    if (parent && !CODE.test(parent))
      problems.push(
        rowProblem(
          row,
          'parent_code',
          `上级代码“${parent}”不符合代码的规定（1 到 64 位字母、数字或 . _ -）`,
          `parent code ${parent} is not a valid code`,
        ),
      );
    if (problems.length === before && category && cadreTier)
      rows.push({ row, code, name, category, parentCode: parent || null, cadreTier });
  });
  return { rows, problems };
}

/**
 * Checks rows against each other and the registry: no code twice, every parent known
 * (in the file or already registered), no organization its own ancestor.
 */
export function crossCheck(
  rows: RegistryRow[],
  existing: Map<string, string | null>,
): RowProblem[] {
  const problems: RowProblem[] = [];
  const byCode = new Map<string, RegistryRow>();
  for (const row of rows) {
    const first = byCode.get(row.code);
    if (first)
      problems.push(
        rowProblem(
          row.row,
          'code',
          `代码 ${row.code} 与第 ${first.row} 行重复，同一代码只能出现一次`,
          `code ${row.code} also appears in row ${first.row}`,
        ),
      );
    else byCode.set(row.code, row);
  }
  const parentOf = (code: string): string | null | undefined =>
    byCode.has(code) ? byCode.get(code)?.parentCode : existing.get(code);
  for (const row of byCode.values()) {
    if (row.parentCode && parentOf(row.parentCode) === undefined) {
      problems.push(
        rowProblem(
          row.row,
          'parent_code',
          `上级代码 ${row.parentCode} 既不在本文件中，也不在对象库中。请先登记上级党组织，或把它加入本文件`,
          `parent ${row.parentCode} is neither in the file nor in the registry`,
        ),
      );
    }
  }
  // Cycles: walk up from each organization, remembering what is known to end at a root.
  const settled = new Set<string>();
  for (const row of byCode.values()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let code: string | null | undefined = row.code;
    while (code && !settled.has(code)) {
      if (onPath.has(code)) {
        problems.push(
          rowProblem(
            row.row,
            'parent_code',
            `上级代码形成了循环：${[...path, code].join(' → ')}，党组织 ${row.code} 成了自己的上级。请检查上级代码`,
            `organization ${row.code} would be its own ancestor (${[...path, code].join(' → ')})`,
          ),
        );
        break;
      }
      onPath.add(code);
      path.push(code);
      code = parentOf(code);
    }
    for (const done of path) settled.add(done);
  }
  return problems.sort((a, b) => a.row - b.row);
}

export function exportRow(org: {
  code: string;
  name: string;
  category: Category;
  parentCode: string | null;
  cadreTier: Tier;
}): string[] {
  return [
    org.code,
    org.name,
    CATEGORIES[org.category],
    org.parentCode ?? '',
    TIER_LABELS[org.cadreTier],
  ];
}
