/** Finds UI text written into SPA components instead of the message catalogs (test/unit/i18n.test.ts). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const webRoot = join(import.meta.dirname, '../../web/src');
const textAttributes = new Set(['placeholder', 'title', 'aria-label', 'alt', 'label', 'subtitle', 'summary', 'aria-description', 'aria-valuetext']);
const hasWords = (text: string) => /\p{L}{2,}/u.test(text);

export function tsxFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? tsxFiles(join(folder, entry.name)) : entry.name.endsWith('.tsx') ? [join(folder, entry.name)] : [],
  );
}

/** Text literals an expression shows as it is (not the arguments of calls such as `t('key')`). */
function shownLiterals(expression: ts.Expression): ts.Node[] {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return hasWords(expression.text) ? [expression] : [];
  if (ts.isTemplateExpression(expression))
    return hasWords([expression.head.text, ...expression.templateSpans.map((span) => span.literal.text)].join(' ')) ? [expression] : [];
  if (ts.isParenthesizedExpression(expression)) return shownLiterals(expression.expression);
  if (ts.isConditionalExpression(expression)) return [...shownLiterals(expression.whenTrue), ...shownLiterals(expression.whenFalse)];
  if (
    ts.isBinaryExpression(expression) &&
    [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(expression.operatorToken.kind)
  )
    return [...shownLiterals(expression.left), ...shownLiterals(expression.right)];
  return [];
}

/** `file:line "text"` for every piece of UI text written into a component instead of a message catalog. */
export function hardCodedTexts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) =>
    found.push(
      `${relative(webRoot, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1} ${JSON.stringify(text.trim().slice(0, 60))}`,
    );
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)))
      for (const literal of shownLiterals(node.expression)) report(literal, literal.getText(source));
    if (ts.isJsxAttribute(node) && textAttributes.has(node.name.getText(source)) && node.initializer) {
      if (ts.isStringLiteral(node.initializer) && hasWords(node.initializer.text)) report(node, node.initializer.text);
      if (ts.isJsxExpression(node.initializer) && node.initializer.expression)
        for (const literal of shownLiterals(node.initializer.expression)) report(literal, literal.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
