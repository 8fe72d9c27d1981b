import { describe, expect, test } from 'vitest';
import { scriptForTemplate, styleForTemplate } from './sidebar-template.mjs';

describe('text inlined into the Sidebar.html template', () => {
  test('a script keeps its meaning with no `<?` left', () => {
    const js = "var s = 'a<?b', t = `<?${1}`, r = /x<?y/; [s, t, r.test('xy'), r.test('x<y'), r.test('x?y')]";
    const safe = scriptForTemplate(js);
    expect(safe).not.toContain('<?');
    expect((0, eval)(safe)).toEqual(['a<?b', '<?1', true, true, false]);
  });

  test('a style holding `<?` is refused', () => {
    expect(styleForTemplate('a { color: red; }')).toBe('a { color: red; }');
    expect(() => styleForTemplate('a::after { content: "<?"; }')).toThrow('must not contain "<?"');
  });
});
