// What a TypeScript module of ours imports, read from its source: bindings, the files they resolve to, and where a
// name re-exported by a domain's face is defined.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ImportBinding {
  /** The name in the importing module. */
  local: string;
  /** The name exported by the other module: `default`, `*` for a namespace import, or the export's name. */
  imported: string;
  /** The .ts file it resolves to; undefined for packages. */
  file: string | undefined;
  typeOnly: boolean;
}

const parsed = new Map<string, ts.SourceFile>();

export function sourceOf(file: string): ts.SourceFile {
  let source = parsed.get(file);
  if (!source) {
    source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    parsed.set(file, source);
  }
  return source;
}

/** Relative specifiers only, written with `.js` as nodenext wants, for files that are `.ts` on disk. */
export function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [target.replace(/\.js$/, '.ts'), target, path.join(target, 'index.ts')];
  return candidates.find((candidate) => candidate.endsWith('.ts') && existsSync(candidate));
}

export function importsOf(file: string): ImportBinding[] {
  const bindings: ImportBinding[] = [];
  for (const statement of sourceOf(file).statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    if (!clause) continue;
    const target = resolveSpecifier(file, statement.moduleSpecifier.text);
    const clauseTypeOnly = clause.isTypeOnly;
    if (clause.name)
      bindings.push({ local: clause.name.text, imported: 'default', file: target, typeOnly: clauseTypeOnly });
    const named = clause.namedBindings;
    if (named && ts.isNamespaceImport(named)) {
      bindings.push({ local: named.name.text, imported: '*', file: target, typeOnly: clauseTypeOnly });
    } else if (named) {
      for (const element of named.elements) {
        bindings.push({
          local: element.name.text,
          imported: (element.propertyName ?? element.name).text,
          file: target,
          typeOnly: clauseTypeOnly || element.isTypeOnly,
        });
      }
    }
  }
  return bindings;
}

/**
 * The module that defines `name`, following `export { name } from` and `export * from` through faces; the module
 * itself when the trail is lost.
 */
export function definingModule(file: string, name: string): string {
  if (name === '*' || name === 'default') return file;
  return findDefinition(file, name, new Set()) ?? file;
}

function findDefinition(file: string, name: string, seen: Set<string>): string | undefined {
  if (seen.has(file)) return undefined;
  seen.add(file);
  const source = sourceOf(file);
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier;
    const target = specifier && ts.isStringLiteral(specifier) ? resolveSpecifier(file, specifier.text) : undefined;
    const clause = statement.exportClause;
    if (!clause && target) {
      const found = findDefinition(target, name, seen);
      if (found) return found;
    } else if (clause && ts.isNamedExports(clause)) {
      const element = clause.elements.find((e) => e.name.text === name);
      if (!element) continue;
      const original = (element.propertyName ?? element.name).text;
      if (target) return findDefinition(target, original, seen) ?? target;
      // `export { x }` of a name imported above it.
      const imported = importsOf(file).find((binding) => binding.local === original);
      if (imported?.file) return findDefinition(imported.file, imported.imported, seen) ?? imported.file;
      return file;
    }
  }
  return declaresExport(source, name) ? file : undefined;
}

function declaresExport(source: ts.SourceFile, name: string): boolean {
  return source.statements.some((statement) => {
    const exported = ts.canHaveModifiers(statement)
      ? ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      : false;
    if (!exported) return false;
    if (ts.isVariableStatement(statement)) {
      return statement.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name);
    }
    const named = statement as ts.Node & { name?: ts.Node };
    return named.name !== undefined && ts.isIdentifier(named.name) && named.name.text === name;
  });
}
