// Which zip entry holds which sheet, from xl/workbook.xml and its relationships. Both are small,
// machine-written XML; a tolerant scan of their elements is enough (any namespace prefix, either
// quote, the five XML entities and character references).

export interface WorkbookSheet {
  name: string;
  state: string;
  /** Zip entry of the sheet, e.g. "xl/worksheets/sheet1.xml"; undefined when its relationship is missing. */
  path: string | undefined;
}

export interface WorkbookParts {
  sheets: WorkbookSheet[];
  sharedStrings: string | undefined;
  styles: string | undefined;
}

export const WORKBOOK_PATH = 'xl/workbook.xml';
export const WORKBOOK_RELS_PATH = 'xl/_rels/workbook.xml.rels';

export function parseWorkbookParts(workbookXml: string, relsXml: string): WorkbookParts {
  const targets = new Map<string, { type: string; target: string }>();
  for (const attributes of elements(relsXml, 'Relationship')) {
    const id = attributes.get('Id');
    const target = attributes.get('Target');
    if (id !== undefined && target !== undefined && attributes.get('TargetMode') !== 'External') {
      targets.set(id, { type: attributes.get('Type') ?? '', target: resolvePartPath('xl/', target) });
    }
  }
  const sheets: WorkbookSheet[] = [];
  for (const attributes of elements(workbookXml, 'sheet')) {
    const name = attributes.get('name');
    if (name === undefined) continue;
    // r:id, whatever the prefix; not sheetId.
    const rid = [...attributes.entries()].find(([key]) => /^[\w.-]+:id$/.test(key))?.[1];
    const rel = rid === undefined ? undefined : targets.get(rid);
    sheets.push({ name, state: attributes.get('state') ?? 'visible', path: rel?.target });
  }
  const byType = (suffix: string) => [...targets.values()].find((rel) => rel.type.endsWith(suffix))?.target;
  return { sheets, sharedStrings: byType('/sharedStrings'), styles: byType('/styles') };
}

/** A relationship target relative to `base` (or absolute from the package root) as a zip entry name. */
export function resolvePartPath(base: string, target: string): string {
  const segments = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}

/** Attributes of every element with the given local name (any prefix). */
function* elements(xml: string, localName: string): Generator<Map<string, string>> {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${localName}(?=[\\s/>])([^>]*)>`, 'g');
  for (const match of xml.matchAll(pattern)) {
    const attributes = new Map<string, string>();
    for (const attribute of match[1].matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes.set(attribute[1], decodeXml(attribute[2] ?? attribute[3]));
    }
    yield attributes;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g, (whole, hex?: string, dec?: string, name?: string) => {
    if (name !== undefined) return ENTITIES[name];
    const code = hex !== undefined ? parseInt(hex, 16) : parseInt(dec ?? '', 10);
    return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
