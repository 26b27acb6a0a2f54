// Finds the calls that let a function read the wall clock behind the caller's back: a call that leaves
// out a parameter whose default is `new Date()` (or `nowDate()`), so the function takes the machine's
// date instead of the caller's clock. The product must never do that (a route passes `app.clock.now()`,
// a service its own `at`), or a test that passes a clock would still see the machine's date. (A
// `Date.now()` default, as uuidv7's, only orders identifiers.) Used by the architecture test.
import path from "node:path";
import ts from "typescript";

const WALL_CLOCK = /^(new Date\(\)|nowDate\(\)|\(\) => new Date\(\))$/;

export interface WallClockCall {
  /** Where the call is (file relative to `root`, 1-based line). */
  at: string;
  /** The function called and the parameter left to its wall-clock default. */
  callee: string;
  parameter: string;
  /** The file, the position just before the call's closing parenthesis, how many arguments it has and the parameter's index. */
  file: string;
  end: number;
  given: number;
  index: number;
  /**
   * The caller's own time that should have been passed: `app.clock.now()` in a routes file, else the
   * name of a time parameter (at, now, today) of an enclosing function; null when the caller has none.
   */
  timeInScope: string | null;
}

const TIME_PARAMETERS = new Set(["at", "now", "today"]);

function timeInScope(node: ts.Node, source: ts.SourceFile): string | null {
  if (/[rR]outes\.ts$/.test(source.fileName)) return "app.clock.now()";
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    for (const p of n.parameters) if (TIME_PARAMETERS.has(p.name.getText(source))) return p.name.getText(source);
  }
  return null;
}

/** Names of the functions in `source` that have a parameter defaulting to the wall clock. */
function wallClockFunctions(source: ts.SourceFile, names: Set<string>): void {
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && node.parameters.some((p) => p.initializer && WALL_CLOCK.test(p.initializer.getText(source)))) {
      const named = ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) ? node.name : ts.isVariableDeclaration(node.parent) ? node.parent.name : undefined;
      if (named) names.add(named.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

/**
 * Every call in `files` that leaves a wall-clock default to the callee. The program is made of
 * `files` (and what they import); only calls of a function declared with such a default are resolved
 * by the type checker, which keeps the check to seconds.
 */
export function wallClockCalls(tsconfigPath: string, files: (fileName: string) => boolean, root: string): WallClockCall[] {
  const config = ts.getParsedCommandLineOfConfigFile(tsconfigPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error(`cannot read ${tsconfigPath}`);
  const program = ts.createProgram({ rootNames: config.fileNames.filter(files), options: { ...config.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const sources = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !f.fileName.includes("/node_modules/"));
  const names = new Set<string>();
  for (const source of sources) wallClockFunctions(source, names);
  // ... and the names they are imported under (`import { closeYear as closeLedgerYear }`).
  for (const source of sources) {
    for (const statement of source.statements) {
      const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) if (e.propertyName && names.has(e.propertyName.getText(source))) names.add(e.name.text);
    }
  }
  const found: WallClockCall[] = [];
  for (const source of sources) {
    if (!files(source.fileName)) continue;
    const visit = (node: ts.Node): void => {
      if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && names.has(calleeName(node.expression))) {
        const declaration = checker.getResolvedSignature(node)?.getDeclaration();
        if (declaration && "parameters" in declaration) {
          const given = node.arguments?.length ?? 0;
          const parameters = (declaration as ts.SignatureDeclaration).parameters;
          for (const [i, parameter] of parameters.entries()) {
            if (i < given || !parameter.initializer || parameter.dotDotDotToken) continue;
            if (!WALL_CLOCK.test(parameter.initializer.getText())) continue;
            const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
            found.push({
              at: `${path.relative(root, source.fileName)}:${line + 1}`,
              callee: node.expression.getText(source).slice(0, 80),
              parameter: parameter.name.getText(),
              file: source.fileName,
              end: node.getEnd() - 1,
              given,
              index: i,
              timeInScope: timeInScope(node, source),
            });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** The last name of a callee (`stamp`, `service.stamp`, `this.stamp` → "stamp"). */
function calleeName(expression: ts.Expression): string {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return "";
}
