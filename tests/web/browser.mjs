// browser.mjs - the web UI in Debian's chromium (driven by playwright-core)
// against the real `tracuu serve` on a loopback port with the bundled
// sample indexed: search with and without diacritics, suggestions by
// keyboard, facets, dates, sort, pages and the URL round trip with Back;
// help when nothing is found; a document page, its outline, a citation URL
// and the citation box landing on the khoản; the codification browser; the
// law library; the portal page; the embed on the mock portal (GET only, no
// global names leaked); every page at 360 px without sideways scrolling;
// no console error on any page. Each page is saved as a screenshot, at
// desktop and phone width.
//
//   node browser.mjs TRACUU_BINARY WEB_DIR SCREENSHOT_DIR
// Exit 0 when every check passes, 1 when one fails, 77 (skipped) when
// chromium cannot run here.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [binary, webDir, shotDir] = process.argv.slice(2);
const CHROMIUM = '/usr/bin/chromium';

function skip(why) {
	console.log(`skipped: ${why}`);
	process.exit(77);
}

if (!binary || !webDir || !shotDir) {
	console.error('usage: node browser.mjs TRACUU_BINARY WEB_DIR SCREENSHOT_DIR');
	process.exit(2);
}
if (!existsSync(CHROMIUM)) skip(`${CHROMIUM} is not installed (apt-get install chromium; scripts/setup.sh does it)`);
let chromium;
try {
	({chromium} = createRequire(join(here, 'package.json'))('playwright-core'));
} catch (e) {
	console.error(`FAIL: playwright-core is not installed in ${here}/node_modules (scripts/setup.sh installs it): ${e.message}`);
	process.exit(1);
}

// ---- checks ----
const failed = [];
let count = 0;
function check(cond, what) {
	count++;
	if (!cond) {
		failed.push(what);
		console.error(`FAIL: ${what}`);
	}
}

// ---- the daemon on the bundled sample ----
const tmp = mkdtempSync(join(tmpdir(), 'tracuu-web-'));
const db = join(tmp, 'index');
const sample = process.env.TRACUU_SAMPLE_CORPUS;
const indexed = spawnSync(binary, ['index', join(sample, 'phapdien'), join(sample, 'congbao'), '--db', db],
	{encoding: 'utf8', timeout: 900000});
if (indexed.status !== 0) {
	console.error(`FAIL: tracuu index exited ${indexed.status}: ${(indexed.stderr || '').slice(-2000)}`);
	process.exit(1);
}
const daemon = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', '2', '--web', webDir,
	'--access-log', join(tmp, 'access.log')], {stdio: ['ignore', 'pipe', 'pipe']});
let daemonErr = '';
daemon.stderr.on('data', (b) => { daemonErr += b; });
const origin = await new Promise((resolve, reject) => {
	let out = '';
	daemon.stdout.on('data', (b) => {
		out += b;
		const m = /listening on (http:\/\/[^\s]+)/.exec(out);
		if (m) resolve(m[1]);
	});
	daemon.on('exit', (code) => reject(new Error(`tracuu serve exited ${code}: ${daemonErr.slice(-2000)}`)));
});
const api = async (path) => (await fetch(origin + path)).json();

// ---- the browser ----
// Chromium itself first: only when it cannot run here is the test skipped;
// a failure to drive a chromium that runs is a failure.
const probe = spawnSync(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
	`--user-data-dir=${join(tmp, 'probe')}`, '--dump-dom', 'about:blank'], {encoding: 'utf8', timeout: 120000});
if (probe.status !== 0 || !/<html/.test(probe.stdout || '')) {
	daemon.kill('SIGTERM');
	skip(`chromium cannot run here (exit ${probe.status}${probe.error ? ', ' + probe.error.message : ''}): ` +
		`${(probe.stderr || '').trim().split('\n').slice(-2).join(' ')}`);
}
// Playwright starts chromium with a fresh profile of its own (its
// --user-data-dir, a new temporary folder, removed on close).
const browser = await chromium.launch({
	executablePath: CHROMIUM,
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		'--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
mkdirSync(shotDir, {recursive: true});

const consoleErrors = [];
const DESKTOP = {width: 1280, height: 900}, PHONE = {width: 360, height: 740};

async function newPage(viewport = DESKTOP, {isMobile = false} = {}) {
	const context = await browser.newContext({viewport, isMobile, hasTouch: isMobile, locale: 'vi-VN'});
	const page = await context.newPage();
	page.on('console', (m) => {
		if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
	});
	page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
	return page;
}

async function shot(page, name) {
	await page.screenshot({path: join(shotDir, `${name}.png`), fullPage: false});
}

async function scenario(name, fn) {
	const t0 = Date.now();
	try {
		await fn();
	} catch (e) {
		check(false, `${name}: ${e.stack || e}`);
	}
	console.log(`${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const hitsReady = (page) => page.waitForSelector('#hits-area .hit, #no-results, #hits-area .error');

// WCAG AA: every visible text against its background, 4.5:1 (3:1 for large text)
const lowContrast = (page) => page.evaluate(() => {
	const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
	const lum = ([r, g, b]) => {
		const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
		return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
	};
	const background = (e) => {
		for (; e; e = e.parentElement) {
			const c = rgb(getComputedStyle(e).backgroundColor);
			if (c.length === 3 || c[3] > 0.5) return c.slice(0, 3);
		}
		return [255, 255, 255];
	};
	const out = [];
	for (const e of document.querySelectorAll('body *')) {
		if (![...e.childNodes].some((n) => n.nodeType === 3 && n.data.trim())) continue;
		const st = getComputedStyle(e);
		if (st.visibility === 'hidden' || st.display === 'none' || e.closest('[hidden], .visually-hidden, :disabled, .skip')) continue;
		if (!e.getClientRects().length) continue;
		const a = lum(rgb(st.color)), b = lum(background(e));
		const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
		const size = parseFloat(st.fontSize), bold = Number(st.fontWeight) >= 700;
		const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
		if (ratio < need) out.push(`${e.tagName.toLowerCase()}.${e.className} ${ratio.toFixed(2)}`);
	}
	return out;
});

// ---- search ----
await scenario('search with diacritics', async () => {
	const page = await newPage();
	await page.goto(`${origin}/`);
	await page.fill('#q', 'thanh niên');
	await page.press('#q', 'Enter');
	await hitsReady(page);
	const url = new URL(page.url());
	check(url.searchParams.get('q') === 'thanh niên', `the query is in the URL: ${page.url()}`);
	const hits = await page.$$eval('.hit', (els) => els.length);
	const api1 = await api('/v1/search?q=' + encodeURIComponent('thanh niên') + '&per_page=10');
	check(hits === Math.min(10, api1.total) && hits > 0, `the page lists the API's hits: ${hits} of ${api1.total}`);
	const summary = await page.textContent('#summary');
	check(summary.includes(api1.total.toLocaleString('vi-VN')), `the summary gives the total: ${summary}`);
	const marks = await page.$$eval('.hit .snippet mark', (els) => els.map((e) => e.textContent.toLowerCase()));
	check(marks.length > 0 && marks.every((m) => ['thanh', 'niên'].includes(m)),
		`snippets mark exactly the query's words (byte ranges decoded right): ${marks.slice(0, 6)}`);
	const ids = await page.$$eval('.hit', (els) => els.map((e) => e.dataset.id));
	check(JSON.stringify(ids) === JSON.stringify(api1.hits.map((h) => h.id)), `the hits are the API's, in order: ${ids[0]}`);
	const kinds = await page.$$eval('.hit .kind-label', (els) => els.map((e) => e.textContent));
	check(kinds.length === hits && kinds.every(Boolean), `every hit says its kind: ${kinds}`);
	await shot(page, 'search-desktop');
	await page.context().close();
});

await scenario('search without diacritics', async () => {
	const page = await newPage();
	await page.goto(`${origin}/?q=${encodeURIComponent('quyen su dung dat')}`);
	await hitsReady(page);
	const api1 = await api('/v1/search?q=' + encodeURIComponent('quyen su dung dat'));
	const hits = await page.$$eval('.hit', (els) => els.length);
	check(api1.total > 0 && hits > 0, `words without marks find documents: ${api1.total}`);
	const marks = await page.$$eval('.hit .snippet mark', (els) => els.map((e) => e.textContent.toLowerCase()));
	check(marks.some((m) => ['quyền', 'sử', 'dụng', 'đất'].includes(m)),
		`the marks land on the accented words of the text: ${marks.slice(0, 8)}`);
	await page.context().close();
});

await scenario('filters, facets, sort, pages, URL and Back', async () => {
	const page = await newPage();
	const q = 'thanh niên';
	await page.goto(`${origin}/?q=${encodeURIComponent(q)}`);
	await hitsReady(page);
	const firstPage1 = await page.$eval('.hit h3 a', (a) => a.getAttribute('href'));
	// a facet: Luật
	const facet = await page.$('a[data-facet="type"][data-value="luat"]');
	check(facet, 'a type facet offers Luật');
	const facetCount = Number((await facet.$eval('.count', (e) => e.textContent)).replace(/\D/g, ''));
	await facet.click();
	await page.waitForFunction(() => new URL(location.href).searchParams.get('type') === 'luat');
	await hitsReady(page);
	const filtered = await api(`/v1/search?q=${encodeURIComponent(q)}&type=luat`);
	check(filtered.total === facetCount, `the facet's count is the filtered total: ${facetCount} vs ${filtered.total}`);
	check((await page.textContent('#summary')).startsWith(String(filtered.total)), 'the summary says the filtered total');
	check(await page.$('#chips button'), 'the filter shows as a chip');
	check(await page.$eval('a[data-facet="type"][data-value="luat"]', (a) => a.getAttribute('aria-current')) === 'true',
		'the chosen facet value is marked current');
	// remove it with its chip, then sort and page
	await page.click('#chips button');
	await page.waitForFunction(() => !new URL(location.href).searchParams.get('type'));
	await hitsReady(page);
	await page.selectOption('#sort', 'newest');
	await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'newest');
	await hitsReady(page);
	const newest = await api(`/v1/search?q=${encodeURIComponent(q)}&sort=newest&facets=1`);
	check(await page.$eval('.hit', (e) => e.dataset.id) === newest.hits[0].id, 'sort=newest orders as the API');
	await page.click('.pager a[data-page="2"]');
	await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === '2');
	await hitsReady(page);
	const page2 = await api(`/v1/search?q=${encodeURIComponent(q)}&sort=newest&page=2&facets=1`);
	check(await page.$eval('.hit', (e) => e.dataset.id) === page2.hits[0].id, 'page 2 shows the second ten');
	check(await page.$eval('ol.hits', (o) => o.start) === 11, 'page 2 numbers its hits from 11');
	// dates
	await page.fill('input[name="issued_from"]', '2011-01-01');
	await page.fill('input[name="issued_to"]', '2013-12-31');
	await page.click('#date-form button[type="submit"]');
	await page.waitForFunction(() => new URL(location.href).searchParams.get('issued') === '2011-01-01..2013-12-31');
	await hitsReady(page);
	const dated = await api(`/v1/search?q=${encodeURIComponent(q)}&sort=newest&issued=2011-01-01..2013-12-31`);
	check((await page.textContent('#summary')).startsWith(String(dated.total)) || dated.total === 0,
		`the issue date filter gives the API's total: ${dated.total}`);
	const shareable = page.url();
	// Back: the dates go, then page 2 returns, then page 1
	await page.goBack();
	await page.waitForFunction(() => !new URL(location.href).searchParams.get('issued'));
	await hitsReady(page);
	check(new URL(page.url()).searchParams.get('page') === '2' &&
		await page.$eval('.hit', (e) => e.dataset.id) === page2.hits[0].id, 'Back returns to page 2');
	await page.goBack();
	await page.waitForFunction(() => !new URL(location.href).searchParams.get('page'));
	await hitsReady(page);
	check(await page.$eval('#sort', (s) => s.value) === 'newest', 'Back restores the sort in its control');
	await page.goBack();
	await page.waitForFunction(() => !new URL(location.href).searchParams.get('sort'));
	await page.goBack();
	await page.waitForFunction(() => new URL(location.href).searchParams.get('type') === 'luat');
	await hitsReady(page);
	check(await page.$eval('#sort', (s) => s.value) === '' && (await page.textContent('#summary')).startsWith(String(filtered.total)),
		'Back goes through the facet state');
	await page.goBack();
	await page.waitForFunction(() => !new URL(location.href).searchParams.get('type'));
	await hitsReady(page);
	check(await page.$eval('.hit h3 a', (a) => a.getAttribute('href')) === firstPage1, 'Back to the first results');
	// the URL alone restores the state (shared link)
	const other = await newPage();
	await other.goto(shareable);
	await hitsReady(other);
	check(await other.$eval('input[name="issued_from"]', (i) => i.value) === '2011-01-01' &&
		await other.$eval('#sort', (s) => s.value) === 'newest' && await other.$eval('#q', (i) => i.value) === q,
	'a shared URL restores the query, sort and dates');
	await shot(other, 'search-filtered-desktop');
	await other.context().close();
	await page.context().close();
});

await scenario('suggestions by keyboard', async () => {
	const page = await newPage();
	await page.goto(`${origin}/`);
	await page.focus('#q');
	await page.keyboard.type('thanh n', {delay: 30});
	await page.waitForSelector('#suggestions:not([hidden]) li');
	check(await page.$eval('#q', (i) => i.getAttribute('aria-expanded')) === 'true', 'the combobox says it is open');
	const n = await page.$$eval('#suggestions li', (els) => els.length);
	check(n > 0 && n <= 10, `at most 10 suggestions: ${n}`);
	await shot(page, 'suggestions-desktop');
	await page.keyboard.press('ArrowDown');
	check(await page.$eval('#q', (i) => i.getAttribute('aria-activedescendant')) === 'sug-0', 'ArrowDown picks the first');
	await page.keyboard.press('Escape');
	check(await page.$eval('#suggestions', (u) => u.hidden), 'Escape closes the list');
	await page.keyboard.type('i', {delay: 30});
	await page.waitForSelector('#suggestions:not([hidden]) li');
	await page.keyboard.press('ArrowDown');
	await Promise.all([page.waitForURL(/doc\.html/), page.keyboard.press('Enter')]);
	await page.waitForSelector('h1');
	check(/doc\.html\?id=/.test(page.url()), `Enter opens the suggestion: ${page.url()}`);
	// Tab order on the search page: the box, its button, the targets
	await page.goto(`${origin}/`);
	await page.focus('#q');
	await page.keyboard.press('Tab');
	check(await page.evaluate(() => document.activeElement.textContent) === 'Tìm kiếm', 'Tab goes from the box to its button');
	await page.context().close();
});

await scenario('help when nothing is found', async () => {
	const page = await newPage();
	await page.goto(`${origin}/?q=${encodeURIComponent('xyzqwv thanh niên')}&type=nghi-dinh`);
	await page.waitForSelector('#no-results');
	const tips = await page.$$eval('#no-results li', (els) => els.map((e) => e.textContent));
	check(tips.some((t) => t.includes('không dấu')) && tips.some((t) => t.includes('ít từ')) &&
		tips.some((t) => t.includes('bộ lọc')), `the help offers no marks, fewer words, no filters: ${tips}`);
	const fewer = await page.$eval('#no-results a[href*="q="]', (a) => a.href);
	check(fewer.includes('q='), 'the tips are links');
	await shot(page, 'no-results-desktop');
	await page.context().close();
});

// ---- the document page ----
await scenario('document page, outline, citation URL', async () => {
	const page = await newPage();
	const docId = '111/2022/nđ-cp';
	const rec = await api('/v1/documents/' + docId.split('/').map(encodeURIComponent).join('/'));
	await page.goto(`${origin}/doc.html?id=${docId}`);
	await page.waitForSelector('#text');
	check((await page.textContent('h1')).includes('111/2022/NĐ-CP'), 'the title names the document');
	const meta = await page.$$eval('table.meta th', (ths) => ths.map((t) => t.textContent));
	check(['Số hiệu', 'Cơ quan ban hành', 'Ngày ban hành', 'Tình trạng hiệu lực'].every((k) => meta.includes(k)),
		`the metadata table: ${meta}`);
	const articles = rec.outline.filter((o) => o.kind === 'article').length;
	const outlineArticles = await page.$$eval('.outline li.article a', (els) => els.length);
	check(outlineArticles === articles, `the outline lists every article: ${outlineArticles} of ${articles}`);
	const ids = await page.$$eval('#text [id]', (els) => els.map((e) => e.id));
	check(ids.includes('d5') && ids.includes('d5-k2') && ids.includes('d5-k2-a'), 'Điều, khoản and điểm have anchors');
	check(new Set(ids).size === ids.length, 'anchors are unique');
	await page.click('.outline a[href="#d7"]');
	await page.waitForFunction(() => location.hash === '#d7');
	check(await page.$eval('#d7', (e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < 200; }),
		'the outline link scrolls to the article');
	await shot(page, 'document-desktop');
	// a citation URL: the clause's own id lands on the document at that khoản
	await page.goto(`${origin}/doc.html?id=${docId}/d5/k2`);
	await page.waitForFunction(() => location.hash === '#d5-k2');
	await page.waitForSelector('#d5-k2.target');
	check(new URL(page.url()).searchParams.get('id') === docId, `the clause lands on its document: ${page.url()}`);
	const target = await page.$eval('#d5-k2', (e) => ({top: e.getBoundingClientRect().top, text: e.textContent,
		focused: document.activeElement === e}));
	check(target.top >= 0 && target.top < 200 && target.text.startsWith('2.') && target.focused,
		`the khoản is in view, marked and focused: ${JSON.stringify(target)}`);
	await shot(page, 'document-citation-desktop');
	// the citation box in the header
	await page.goto(`${origin}/thuvien.html`);
	await page.fill('#cite-input', 'điểm a khoản 2 Điều 5 Nghị định 111/2022/NĐ-CP');
	await Promise.all([page.waitForURL(/#d5-k2-a$/), page.press('#cite-input', 'Enter')]);
	await page.waitForSelector('#d5-k2-a.target');
	check(true, 'the citation box lands on the điểm');
	await page.goto(`${origin}/`);
	await page.fill('#cite-input', 'khoản 2 Điều 5 Nghị định 111/2022/NĐ-CP');
	await Promise.all([page.waitForURL(/#d5-k2$/), page.click('#cite-form button')]);
	check(true, 'the citation box lands on the khoản');
	// an unknown number: the lookup answers 404, which chromium logs as a
	// failed resource; that one line is expected, any other is not
	const before = consoleErrors.length;
	await page.fill('#cite-input', '999/2099/NĐ-CP');
	await page.press('#cite-input', 'Enter');
	await page.waitForFunction(() => document.getElementById('cite-status').textContent.length > 0);
	check((await page.textContent('#cite-status')).includes('Không tìm thấy'), 'an unknown number says so');
	await page.waitForTimeout(300);
	const added = consoleErrors.splice(before);
	check(added.every((e) => /status of 404/.test(e)), `only the lookup's 404 was logged: ${added}`);
	// from a search: the query's words are marked in the text
	await page.goto(`${origin}/doc.html?id=${docId}&q=${encodeURIComponent('hợp đồng dịch vụ')}`);
	await page.waitForSelector('#text mark');
	const marks = await page.$$eval('#text mark', (els) => els.map((e) => e.textContent.toLowerCase()));
	check(marks.length > 5 && marks.every((m) => ['hợp', 'đồng', 'dịch', 'vụ'].includes(m)), `query words marked: ${marks.slice(0, 8)}`);
	// a provision hit's link from the search page lands on its article
	await page.goto(`${origin}/?q=${encodeURIComponent('khoản 2 Điều 5 Nghị định 111/2022/NĐ-CP')}&in=provisions`);
	await hitsReady(page);
	await Promise.all([page.waitForURL(/doc\.html/), page.click('.hit h3 a')]);
	await page.waitForSelector('#text');
	check(/#d5/.test(page.url()), `the provision hit opens its document at the article: ${page.url()}`);
	await page.context().close();
});

await scenario('codified article and its links', async () => {
	const page = await newPage();
	const hits = await api('/v1/search?in=codified&q=' + encodeURIComponent('Đoàn Thanh niên Cộng sản Hồ Chí Minh'));
	const id = hits.hits[0].id;
	await page.goto(`${origin}/doc.html?id=${id}`);
	await page.waitForSelector('.note');
	check((await page.textContent('h1')).startsWith('Điều 36.3.'), 'a codified article is titled by its number');
	const crumbs = await page.$$eval('.crumbs a', (els) => els.map((a) => a.getAttribute('href')));
	check(crumbs.some((h) => h.includes('demuc=36.3')), `breadcrumbs lead to its đề mục: ${crumbs}`);
	const noteLinks = await page.$$eval('.note a', (els) => els.map((a) => a.getAttribute('href')));
	check(noteLinks.length > 0 && noteLinks.every((h) => h.startsWith('doc.html?')), `the source note links its documents: ${noteLinks}`);
	check(await page.$('.links .relation'), 'the sources are listed with their relation');
	await shot(page, 'codified-desktop');
	await Promise.all([page.waitForURL(/doc\.html\?id=src/), page.click('.note a')]);
	await page.waitForSelector('h1');
	check((await page.textContent('h1')).includes('57/2020/QH14'), 'the note leads to the source document');
	await page.context().close();
});

// ---- codification and library ----
await scenario('codification browser', async () => {
	const page = await newPage();
	await page.goto(`${origin}/phapdien.html`);
	await page.waitForSelector('.tree a');
	const topics = await api('/v1/codification');
	check(await page.$$eval('.tree > li', (els) => els.length) === topics.topics.length, 'every chủ đề is listed');
	await shot(page, 'phapdien-desktop');
	await page.click('.tree a[href*="chude=36"]');
	await page.waitForFunction(() => new URL(location.href).searchParams.get('chude') === '36');
	await page.waitForSelector('.tree a[href*="demuc=36.3"]');
	await page.click('.tree a[href*="demuc=36.3"]');
	await page.waitForSelector('.articles details');
	const heading = await api('/v1/codification/36/36.3?per_page=50');
	const shown = await page.$$eval('.articles details', (els) => els.length);
	check(shown === Math.min(50, heading.total), `a page of articles under their chapters: ${shown}`);
	const chapters = await page.$$eval('.chapter-list h2', (els) => els.map((e) => e.textContent));
	check(chapters.length > 0 && chapters[0].startsWith('Chương'), `chương headings: ${chapters.slice(0, 2)}`);
	await page.click('.articles details summary');
	await page.waitForSelector('.articles details[open] .note a');
	const link = await page.$eval('.articles details[open] .note a', (a) => a.getAttribute('href'));
	check(/^doc\.html\?/.test(link), `an article opens with its source note linked: ${link}`);
	await shot(page, 'phapdien-demuc-desktop');
	await page.goBack();
	await page.waitForFunction(() => !new URL(location.href).searchParams.get('demuc'));
	await page.waitForSelector('.tree a[href*="demuc=36.3"]');
	check(true, 'Back returns to the đề mục list');
	await page.context().close();
});

await scenario('law library', async () => {
	const page = await newPage();
	await page.goto(`${origin}/thuvien.html`);
	await page.waitForSelector('#list .hit');
	const all = await api('/v1/listing?per_page=20&facets=1');
	check((await page.textContent('#summary')).startsWith(String(all.total)), 'the library counts every document');
	const first = await page.$eval('#list .hit h3 a', (a) => a.getAttribute('href'));
	check(first.includes(encodeURIComponent(all.items[0].id).replace(/%2F/g, '/')), `newest first: ${first}`);
	await shot(page, 'thuvien-desktop');
	for (const [group, param, value] of [['Loại văn bản', 'type', 'nghi-dinh'], ['Năm ban hành', 'year', '2025'],
		['Cơ quan ban hành', 'issuer', 'chinh-phu']]) {
		await page.goto(`${origin}/thuvien.html`);
		await page.waitForSelector('#list .hit');
		const link = page.locator(`#groups details:has(summary:text-is("${group}")) a[href*="${param}=${value}"]`);
		await link.click();
		await page.waitForFunction(([p, v]) => new URL(location.href).searchParams.get(p) === v, [param, value]);
		await page.waitForFunction((n) => document.getElementById('summary').textContent.startsWith(String(n)),
			all.facets[param === 'type' ? 'type' : param][value]);
		check(true, `browse by ${group}: ${value}`);
	}
	const byField = await page.$$('#groups summary');
	check(byField.length >= 3, 'the library offers its groups');
	await page.context().close();
});

// ---- the portal kit ----
await scenario('portal page', async () => {
	const page = await newPage();
	await page.goto(`${origin}/portal.html`);
	await page.waitForSelector('#preview .tracuu-embed li');
	await page.selectOption('#province', 'ha-tinh');
	await page.waitForFunction(() => document.getElementById('snippet-script').value.includes('data-province="ha-tinh"'));
	const snippet = await page.$eval('#snippet-script', (t) => t.value);
	check(snippet.startsWith(`<script src="${origin}/embed.js"`) && snippet.includes('data-province="ha-tinh"'),
		`the snippet carries the scope: ${snippet}`);
	check((await page.$eval('#snippet-iframe', (t) => t.value)).includes('embed.html?province=ha-tinh'), 'the iframe too');
	await page.waitForFunction(() => document.getElementById('scope-count').textContent.includes('1 văn bản'));
	await page.waitForFunction(() => document.querySelectorAll('#preview .tracuu-embed li').length === 1);
	check(true, 'the preview shows the scope');
	await page.fill('#title', 'Văn bản của tỉnh');
	await page.waitForFunction(() => document.getElementById('snippet-script').value.includes('data-title="Văn bản của tỉnh"'));
	check((await page.getAttribute('#url-atom', 'href')).includes('/v1/feed.atom?province=ha-tinh'), 'the feed URL follows the scope');
	await shot(page, 'portal-desktop');
	await page.context().close();
});

await scenario('embed on the demo portal', async () => {
	const page = await newPage();
	// the page's own global names before any script runs
	await page.addInitScript(() => {
		Object.defineProperty(window, '__baseline', {value: Object.getOwnPropertyNames(window), enumerable: false});
	});
	const methods = new Set();
	page.on('request', (r) => { if (r.url().includes('/v1/')) methods.add(r.method()); });
	await page.goto(`${origin}/embed-demo.html`);
	await page.waitForFunction(() => document.querySelectorAll('.tracuu-embed li').length >= 2);
	const embeds = await page.$$eval('.tracuu-embed', (els) => els.map((e) => e.querySelectorAll('li').length));
	check(embeds.length === 2 && embeds[0] === 1 && embeds[1] === 5, `two embeds with their scopes: ${embeds}`);
	const listing = await api('/v1/listing?type=nghi-dinh&issuer=chinh-phu&per_page=5');
	check(await page.$eval('.tracuu-embed', (e) => e.previousElementSibling?.tagName === 'SCRIPT'), 'an embed renders where its tag stands');
	const second = await page.$$eval('.tracuu-embed', (els) => els[1].querySelector('li a').getAttribute('href'));
	check(second.includes(encodeURIComponent(listing.items[0].id).replace(/%2F/g, '/')), `the newest first: ${second}`);
	// search inside the first embed
	const box = page.locator('.tracuu-embed').first();
	await box.locator('input[type="search"]').fill('Sở Ngoại vụ');
	await box.locator('button[type="submit"]').click();
	await page.waitForFunction(() => document.querySelector('.tracuu-embed .tracuu-count').textContent.includes('có “'));
	check((await box.locator('li').count()) === 1, 'search inside the embed keeps to its scope');
	await box.locator('input[type="search"]').fill('thanh niên');
	await box.locator('button[type="submit"]').click();
	await page.waitForFunction(() => document.querySelector('.tracuu-embed .tracuu-count').textContent.startsWith('Không'));
	check((await box.locator('li').count()) === 0, 'a search outside the scope finds nothing in it');
	// the host's rules win over the embed's
	const color = await page.$eval('.tracuu-embed a', (a) => getComputedStyle(a).color);
	check(color === 'rgb(122, 16, 16)', `the host page's style overrides the embed's: ${color}`);
	// no global names leaked
	// (frames are window[0], window[1]: indexes, not names)
	const leaked = await page.evaluate(() => Object.getOwnPropertyNames(window)
		.filter((n) => !window.__baseline.includes(n) && n !== '__baseline' && !/^\d+$/.test(n)));
	check(leaked.length === 0, `embed.js leaks no global names: ${leaked}`);
	check([...methods].every((m) => m === 'GET') && methods.size === 1, `the embed only GETs: ${[...methods]}`);
	// the iframe alternative renders too
	const frame = page.frameLocator('iframe');
	await frame.locator('.tracuu-embed li').first().waitFor();
	check(await frame.locator('.tracuu-embed li a').first().getAttribute('target') === '_top', 'iframe links open in the top window');
	await shot(page, 'embed-demo-desktop');
	await page.context().close();
});

// ---- the drafter's check ----
// A short draft in the words of the sample: a citation that resolves, one
// of a document that does not exist, an internal one to an article the
// draft lacks, one to its own khoản, a clause copied from Nghị định
// 111/2022/NĐ-CP and a sentence of the Luật Thanh niên with another age.
const DRAFT = `Điều 1. Phạm vi điều chỉnh
Nghị định này quy định về hợp đồng làm công việc hỗ trợ, phục vụ theo khoản 2 Điều 2 Nghị định số 111/2022/NĐ-CP và Điều 9 Nghị định số 99/2099/NĐ-CP.

Điều 2. Điều kiện ký kết hợp đồng
1. Đối với cơ quan hành chính, đơn vị sự nghiệp công lập: Phải có nhu cầu ký kết hợp đồng thực hiện các công việc quy định tại Điều 4 Nghị định này và đáp ứng đầy đủ các yêu cầu khác theo quy định của pháp luật.
2. Đối với tổ chức cung cấp dịch vụ: Phải đáp ứng đầy đủ điều kiện hoạt động theo quy định của pháp luật, bảo đảm chế độ cho người lao động theo quy định của pháp luật lao động và quy định của pháp luật khác có liên quan.
3. Thanh niên là công dân Việt Nam từ đủ 16 tuổi đến 35 tuổi theo khoản 1 Điều này.
`;

async function runCheck(page, date) {
	await page.goto(`${origin}/check.html`);
	await page.fill('#draft', DRAFT);
	await page.fill('#date', date);
	await page.focus('#run');
	await page.keyboard.press('Enter');
	await page.waitForSelector('#report:not([hidden]) .check-article');
}

await scenario('check a draft', async () => {
	const date = '2026-01-01';
	const want = await (await fetch(`${origin}/v1/check?date=${date}&in=all&text=1`, {method: 'POST', body: DRAFT})).json();
	const page = await newPage();
	await runCheck(page, date);
	check(await page.evaluate(() => document.activeElement.id) === 'report-h', 'the report takes the focus');
	const shown = await page.$$eval('.check-article', (secs) => secs.map((s) =>
		[...s.querySelectorAll('.citation')].map((c) => c.dataset.verdict)));
	const api1 = want.articles.map((a) => (a.citations || []).map((c) => c.verdict));
	check(JSON.stringify(shown) === JSON.stringify(api1), `the verdicts shown are the API's: ${JSON.stringify(shown)} vs ${JSON.stringify(api1)}`);
	check(api1.flat().includes('found') && api1.flat().includes('no-document') && api1.flat().includes('no-provision'),
		`the draft has citations found, of no document and of no provision: ${api1}`);
	// each verdict in words, not in colour alone
	const words = await page.$$eval('.citation .badge', (els) => els.map((e) => e.textContent));
	check(words.includes('Đúng') && words.includes('Không có văn bản') && words.every(Boolean), `the verdicts in words: ${words}`);
	// the provision cited, on demand, and its page
	const found = want.articles[0].citations.find((c) => c.verdict === 'found' && c.resolved.entry);
	const item = page.locator('.check-article').first().locator('.citation[data-verdict="found"]').first();
	check(!(await item.locator('details.cited').evaluate((d) => d.open)), 'the cited text is folded at first');
	await item.locator('details.cited summary').click();
	const citedText = await item.locator('details.cited .text').innerText();
	check(citedText.trim() === found.resolved.entry.text.trim(), `the cited provision's text is the API's: ${citedText.slice(0, 80)}`);
	const href = await item.locator('.cite-target a').getAttribute('href');
	check(href.startsWith('doc.html?id=111/2022/') && href.includes(found.resolved.entry.id.split('/').pop()),
		`the citation links its provision's page: ${href}`);
	// the overlaps of article 2: the copied clause, marked on both sides
	const art = want.articles[1];
	check(art.overlaps.length > 0 && art.overlaps[0].id === '111/2022/nđ-cp/d5', `the copied clause overlaps first: ${art.overlaps.map((o) => o.id)}`);
	const sec = page.locator('.check-article').nth(1);
	const ids = await sec.locator('.overlap').evaluateAll((els) => els.map((e) => e.dataset.id));
	check(JSON.stringify(ids) === JSON.stringify(art.overlaps.map((o) => o.id)), `the overlaps are the API's, in order: ${ids}`);
	const sim = await sec.locator('.overlap .similarity').first().textContent();
	check(sim === `Giống ${Math.round(art.overlaps[0].similarity * 100)}%`, `the similarity is shown: ${sim}`);
	const joined = (ps, side) => ps.map((p) => p[`${side}_text`]).join('');
	const draftMarks = await sec.locator('.draft-text mark.passage').evaluateAll((els) => els.map((e) => e.textContent).join(''));
	check(draftMarks === joined(art.overlaps[0].passages, 'draft'), `the draft's passage is marked: ${draftMarks.slice(0, 60)}`);
	await sec.locator('.overlap').first().locator('details.other-text summary').click();
	const otherMarks = await sec.locator('.overlap').first().locator('details.other-text mark.passage')
		.evaluateAll((els) => els.map((e) => e.textContent).join(''));
	check(otherMarks === joined(art.overlaps[0].passages, 'other'), `and the other's: ${otherMarks.slice(0, 60)}`);
	await shot(page, 'check-desktop');
	// the number that differs: the age of the Luật Thanh niên
	const k = art.overlaps.findIndex((o) => o.number_differences.length);
	check(k >= 0, 'an overlap differs in a number');
	const diff = art.overlaps[k].number_differences[0];
	const overlap = sec.locator('.overlap').nth(k);
	const said = await overlap.locator('.differences li').first().textContent();
	check(said.includes(diff.draft.text) && said.includes(diff.other.text) && said.includes('độ tuổi'),
		`the difference is said: ${said}`);
	await overlap.locator('.mark-toggle').focus();
	await page.keyboard.press('Enter');
	check(await overlap.locator('.mark-toggle').getAttribute('aria-pressed') === 'true', 'the overlap is chosen by keyboard');
	const nums = await sec.locator('.draft-text mark.num').allTextContents();
	check(nums.join('') === diff.draft.text, `its number is marked in the draft: ${nums}`);
	await overlap.locator('.mark-toggle').scrollIntoViewIfNeeded();
	await shot(page, 'check-number-desktop');
	// the report, its cited texts and compared texts open: labels and contrast
	await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
	const low = await lowContrast(page);
	check(low.length === 0, `the check's report: text contrast AA: ${low.slice(0, 5)}`);
	// to the cited provision's page
	await Promise.all([page.waitForURL(/doc\.html/), item.locator('.cite-target a').click()]);
	await page.waitForSelector('#text .target');
	check(/#d2-k2$/.test(page.url()), `the link lands on the khoản: ${page.url()}`);
	// a file instead of the text box, in another scope
	await page.goto(`${origin}/check.html`);
	await page.setInputFiles('#file', {name: 'du-thao.txt', mimeType: 'text/plain', buffer: Buffer.from(DRAFT)});
	await page.waitForFunction(() => document.getElementById('draft').value.startsWith('Điều 1.'));
	await page.check('input[name="in"][value="codified"]');
	await page.fill('#date', date);
	await page.click('#run');
	await page.waitForSelector('#report:not([hidden]) .check-article');
	const kinds = await page.$$eval('.overlap .kind-label', (els) => [...new Set(els.map((e) => e.textContent))]);
	check(JSON.stringify(kinds) === JSON.stringify(['Pháp điển']), `in=codified shows codified articles only: ${kinds}`);
	// an empty draft is refused with words
	await page.fill('#draft', '  ');
	await page.click('#run');
	check((await page.textContent('#check-status')).includes('Hãy dán'), 'an empty draft asks for one');
	await page.context().close();
});

await scenario('check a draft on a phone', async () => {
	const page = await newPage(PHONE, {isMobile: true});
	await runCheck(page, '2026-01-01');
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	check(width <= PHONE.width, `the check fits 360 px without sideways scrolling: ${width}`);
	await shot(page, 'check-phone');
	await page.locator('.check-article').nth(1).locator('.overlap').first().scrollIntoViewIfNeeded();
	await shot(page, 'check-overlap-phone');
	await page.context().close();
});

// ---- phone width ----
await scenario('phone viewport', async () => {
	const pages = [
		['search', `/?q=${encodeURIComponent('thanh niên')}`, '.hit'],
		['document', '/doc.html?id=111/2022/nđ-cp/d5/k2', '#d5-k2.target'],
		['codified', `/doc.html?id=${(await api('/v1/search?in=codified&q=' + encodeURIComponent('Đoàn Thanh niên'))).hits[0].id}`, '.note'],
		['phapdien', '/phapdien.html?chude=36&demuc=36.3', '.articles details'],
		['thuvien', '/thuvien.html', '#list .hit'],
		['portal', '/portal.html', '#preview .tracuu-embed li'],
		['embed-demo', '/embed-demo.html', '.tracuu-embed li'],
		['no-results', `/?q=${encodeURIComponent('xyzqwv')}`, '#no-results'],
	];
	const page = await newPage(PHONE, {isMobile: true});
	for (const [name, path, ready] of pages) {
		await page.goto(origin + path);
		await page.waitForSelector(ready);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		check(width <= PHONE.width, `${name} fits 360 px without sideways scrolling: ${width}`);
		await shot(page, `${name}-phone`);
	}
	// the filters fold away on a phone, and open by their summary
	await page.goto(`${origin}/?q=${encodeURIComponent('thanh niên')}`);
	await page.waitForSelector('.hit');
	check(!(await page.$eval('#filters-box', (d) => d.open)), 'the filters are folded on a phone');
	await page.click('#filters-box > summary');
	check(await page.$eval('#filters-box', (d) => d.open), 'and open from their summary');
	await page.context().close();
});

// ---- pages' weight and accessibility basics ----
await scenario('search page weight, labels and contrast', async () => {
	const page = await newPage();
	await page.goto(`${origin}/`, {waitUntil: 'networkidle'});
	// the page and every file of this origin it loaded, API answers aside,
	// uncompressed
	const bytes = await page.evaluate(() => [...performance.getEntriesByType('navigation'),
		...performance.getEntriesByType('resource')]
		.filter((e) => new URL(e.name).origin === location.origin && !new URL(e.name).pathname.startsWith('/v1/'))
		.reduce((sum, e) => sum + e.decodedBodySize, 0));
	check(bytes > 0 && bytes <= 100 * 1024, `the search page's own assets weigh ≤ 100 KB: ${(bytes / 1024).toFixed(1)} KB`);
	console.log(`search page assets: ${bytes} bytes`);
	for (const path of [`/?q=${encodeURIComponent('thanh niên')}`, '/doc.html?id=111/2022/nđ-cp#d5-k2', '/phapdien.html',
		'/thuvien.html', '/portal.html', '/check.html']) {
		await page.goto(origin + path, {waitUntil: 'networkidle'});
		const unlabeled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
			.filter((e) => e.type !== 'hidden' && !e.labels?.length && !e.getAttribute('aria-label') && !e.closest('.tracuu-embed'))
			.map((e) => e.id || e.name));
		check(unlabeled.length === 0, `${path}: every control has a label: ${unlabeled}`);
		check(await page.evaluate(() => document.documentElement.lang) === 'vi', `${path}: lang="vi"`);
		const low = await lowContrast(page);
		check(low.length === 0, `${path}: text contrast AA: ${low.slice(0, 5)}`);
	}
	await page.context().close();
});

check(consoleErrors.length === 0, `no console errors: ${consoleErrors.join(' | ')}`);

await browser.close();
daemon.kill('SIGTERM');
await new Promise((r) => daemon.on('exit', r));
rmSync(tmp, {recursive: true, force: true});
console.log(`browser: ${count} checks, ${failed.length} failed; screenshots in ${shotDir}`);
process.exit(failed.length ? 1 : 0);
