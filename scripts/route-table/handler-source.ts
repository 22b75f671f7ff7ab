// Which controller answers a route: the last handler of its `router.get(…)` call, traced through the routes file's
// imports and local names to the module that defines it, and the services that module imports.
import ts from 'typescript';
import { definingModule, importsOf, sourceOf } from './module-imports.ts';
import type { RouteSite } from './route-sites.ts';

export interface Controller {
  file: string;
  /** The handler's name, or undefined for a function written inline in the route. */
  handler: string | undefined;
}

/** The controller of the route declared at `site`, when the routes file names it in a way we can follow. */
export function controllerAt(site: RouteSite, method: string): Controller | undefined {
  const source = sourceOf(site.file);
  const call = routeCall(source, site, method);
  const handler = call?.arguments.at(-1);
  if (!handler) return undefined;
  if (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) return { file: site.file, handler: undefined };
  if (ts.isIdentifier(handler)) {
    return { file: moduleOf(source, handler) ?? site.file, handler: importedName(source, handler.text) };
  }
  if (ts.isPropertyAccessExpression(handler)) {
    const file = moduleOf(source, handler.expression);
    return file ? { file, handler: handler.name.text } : undefined;
  }
  return undefined;
}

/** The `*.service.ts` modules a controller imports for use at run time, directly or through another domain's face. */
export function servicesOf(controllerFile: string): string[] {
  const services = new Set<string>();
  for (const binding of importsOf(controllerFile)) {
    if (binding.typeOnly || !binding.file) continue;
    const defining = definingModule(binding.file, binding.imported);
    if (defining.endsWith('.service.ts')) services.add(defining);
  }
  return [...services].sort();
}

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'all', 'route']);

/**
 * The call at the site: V8 places a method call at its property name, so the innermost route-making call around that
 * position. For `router.route(path).get(handler)` the handlers are in the call chained after it.
 */
function routeCall(source: ts.SourceFile, site: RouteSite, method: string): ts.CallExpression | undefined {
  const position = source.getPositionOfLineAndCharacter(site.line - 1, site.column - 1);
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (position < node.getStart(source) || position >= node.getEnd()) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      if (ROUTE_METHODS.has(node.expression.name.text)) found = node;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (found && ts.isPropertyAccessExpression(found.expression) && found.expression.name.text === 'route') {
    return chainedCall(found, method.toLowerCase() === 'all' ? 'all' : method.toLowerCase());
  }
  return found;
}

function chainedCall(call: ts.CallExpression, name: string): ts.CallExpression | undefined {
  let node: ts.Node = call;
  while (ts.isPropertyAccessExpression(node.parent) && ts.isCallExpression(node.parent.parent)) {
    if (node.parent.name.text === name) return node.parent.parent;
    node = node.parent.parent;
  }
  return undefined;
}

/**
 * The module an expression's value comes from: an imported name, a local constant made from one
 * (`const network = networkController(ctx)`), or a call of one (`outboxController(ctx).list`).
 */
function moduleOf(source: ts.SourceFile, expression: ts.Expression, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  if (ts.isCallExpression(expression)) return moduleOf(source, expression.expression, depth + 1);
  if (ts.isPropertyAccessExpression(expression)) return moduleOf(source, expression.expression, depth + 1);
  if (!ts.isIdentifier(expression)) return undefined;
  const binding = importsOf(source.fileName).find((b) => b.local === expression.text);
  if (binding?.file) return definingModule(binding.file, binding.imported);
  const initializer = localInitializer(source, expression.text);
  return initializer ? moduleOf(source, initializer, depth + 1) : undefined;
}

function importedName(source: ts.SourceFile, local: string): string {
  const binding = importsOf(source.fileName).find((b) => b.local === local);
  return binding && binding.imported !== 'default' && binding.imported !== '*' ? binding.imported : local;
}

function localInitializer(source: ts.SourceFile, name: string): ts.Expression | undefined {
  let initializer: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (initializer) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && node.initializer) {
      initializer = node.initializer;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return initializer;
}
