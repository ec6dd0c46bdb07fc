// check.js - the drafter's cross-check (Kiểm tra dự thảo): the draft pasted
// or read from a file goes to POST /v1/check with the date and the scope;
// the report is shown article by article, each article's text beside its
// citations (verdict in colour and words, the provision cited on demand,
// links to the documents) and the provisions in force that overlap it (the
// similarity, the shared passages marked on both sides, numbers that differ).
import {api, clear, date, el, highlighted, initHeader, recordUrl, today} from './app.js';

const $ = (id) => document.getElementById(id);

// verdict → [words, badge class (app.css's validity colours)]
const VERDICTS = {
	'found': ['Đúng', 'in-force'],
	'no-document': ['Không có văn bản', 'expired'],
	'no-provision': ['Không có điều, khoản, điểm này', 'expired'],
	'not-in-force': ['Không còn hiệu lực', 'expired'],
	'repealed': ['Đã bị bãi bỏ', 'expired'],
	'amended': ['Đã được sửa đổi', 'partial'],
	'mismatch': ['Ghi sai ngày, tên hoặc loại', 'partial'],
	'ambiguous': ['Chưa rõ văn bản nào', 'partial'],
	'unverified': ['Chưa kiểm chứng được', 'unknown'],
	'not-checked': ['Không kiểm tra', 'unknown'],
};

// what each finding means, in the page's words (the engine's own detail follows)
const FINDINGS = {
	'note': 'Ghi chú',
	'no-document': 'Chỉ mục không có văn bản này',
	'no-provision': 'Văn bản được dẫn không có điều, khoản hoặc điểm này',
	'not-in-force': 'Văn bản không có hiệu lực vào ngày đã chọn',
	'repealed': 'Điều được dẫn đã bị bãi bỏ',
	'amended': 'Điều được dẫn đã được sửa đổi, bổ sung hoặc bãi bỏ một phần',
	'mismatch': 'Ngày, năm, tên hoặc loại ghi trong trích dẫn khác với văn bản',
	'ambiguous': 'Nhiều văn bản cùng số này',
	'unverified': 'Văn bản chỉ được biết qua ghi chú của pháp điển, chưa có toàn văn',
	'not-checked': 'Không kiểm tra',
};

const QUANTITIES = {money: 'số tiền', age: 'độ tuổi', time: 'thời hạn', percent: 'tỷ lệ', number: 'con số'};

const percent = (x) => `${Math.round((x || 0) * 100)}%`;

function verdictBadge(v) {
	const [words, cls] = VERDICTS[v] || [v, 'unknown'];
	return el('span', {class: `badge ${cls}`}, words);
}

/** A document named by a link of the notes ("by", "others", "nearest"):
 * its page when it has an id, else a search for its number. */
function docLink(l) {
	const name = [l.article, l.doc_number || l.title].filter(Boolean).join(' ') || l.id || '';
	if (l.id) return el('a', {href: recordUrl(l.id)}, name);
	if (l.doc_number) return el('a', {href: `index.html?q=${encodeURIComponent(l.doc_number)}`}, name);
	return el('span', {}, name);
}

function findingItem(f, inDraft) {
	const links = [];
	if (f.by) links.push(['Bởi', [f.by]]);
	if (f.current) links.push(['Nội dung đang áp dụng', [{id: f.current.id, article: `Điều ${f.current.article_number || ''}`,
		title: f.current.title}]]);
	if (f.others && f.others.length) links.push(['Các văn bản khác', f.others.map((o) => o.document || o)]);
	if (f.nearest && f.nearest.length) links.push(['Gần nhất', f.nearest]);
	return el('li', {},
		el('span', {}, `${inDraft && f.kind === 'no-provision' ? 'Dự thảo không có điều, khoản hoặc điểm này'
			: FINDINGS[f.kind] || f.kind}.`),
		f.written && f.actual ? ` (ghi ${date(f.written)}, văn bản ngày ${date(f.actual)})` : '',
		links.map(([what, list]) => el('span', {class: 'finding-links'}, ` ${what}: `,
			list.map((l, i) => [i ? ', ' : '', docLink(l)]))),
		el('br'), el('small', {class: 'detail', lang: 'en'}, f.detail));
}

function citationItem(c, article, n) {
	const res = c.resolved || {};
	const doc = res.document;
	const entry = res.entry;
	const cited = res.in === 'draft' ? res.text : entry && entry.text;
	const where = res.in === 'draft'
		? el('span', {class: 'relation'}, 'Trong dự thảo')
		: doc ? el('a', {href: recordUrl(entry ? entry.id : doc.id)},
			[doc.doc_number, doc.title].filter(Boolean).join(' — ') || doc.id)
			: null;
	const item = el('li', {class: `citation v-${c.verdict}`, id: `a${article}-c${n}`, dataset: {verdict: c.verdict}},
		el('div', {class: 'hit-meta'}, verdictBadge(c.verdict), el('q', {class: 'cite-text'}, c.text)),
		where ? el('p', {class: 'cite-target'}, where,
			doc && doc.issue_date ? el('span', {class: 'relation'}, ` · ban hành ${date(doc.issue_date)}`) : null) : null);
	const findings = (c.findings || []).filter((f) => f.detail);
	const inDraft = (c.names && c.names.in) === 'draft';
	if (findings.length) item.append(el('ul', {class: 'findings'}, findings.map((f) => findingItem(f, inDraft))));
	if (cited)
		item.append(el('details', {class: 'cited'}, el('summary', {}, 'Nội dung được dẫn'),
			el('div', {class: 'text'}, cited.split('\n').map((line) => el('p', {}, line)))));
	return item;
}

function overlapTitle(o) {
	if (o.kind === 'codified')
		return [`Điều ${o.article_number}. ${o.title || ''}`, o.source ? `Nguồn: ${o.source.article || ''} ${o.source.doc_number || ''}`.trim() : ''];
	return [`${o.doc_number || ''} — Điều ${o.number}${o.heading ? '. ' + o.heading : ''}`, o.doc_title || ''];
}

/** The draft side's marks for overlap O (or none) and the article's citations. */
function draftRanges(article, o) {
	const ranges = (article.citations || []).map((c) => [c.start, c.end, 'cite']);
	if (o) {
		for (const p of o.passages || []) ranges.push([p.draft[0], p.draft[1], 'passage']);
		for (const d of o.number_differences || []) ranges.push([d.draft.start, d.draft.end, 'num']);
	}
	return ranges;
}

function overlapItem(o, k, select) {
	const [title, sub] = overlapTitle(o);
	const kind = o.kind === 'codified' ? 'Pháp điển' : 'Điều khoản';
	const diffs = o.number_differences || [];
	const button = el('button', {type: 'button', class: 'secondary mark-toggle', 'aria-pressed': 'false',
		onclick: () => select(k)}, 'Đánh dấu trên dự thảo');
	const otherRanges = [...(o.passages || []).map((p) => [p.other[0], p.other[1], 'passage']),
		...diffs.map((d) => [d.other.start, d.other.end, 'num'])];
	return el('li', {class: 'overlap', dataset: {id: o.id}},
		el('div', {class: 'hit-meta'}, el('span', {class: 'kind-label'}, kind),
			el('span', {class: 'similarity'}, `Giống ${percent(o.similarity)}`),
			el('span', {}, `(${percent(o.draft_share)} điều dự thảo, ${percent(o.other_share)} điều này)`)),
		el('h4', {}, el('a', {href: recordUrl(o.id)}, title)),
		sub ? el('p', {class: 'relation'}, sub) : null,
		diffs.length ? el('ul', {class: 'differences'}, diffs.map((d) => el('li', {},
			el('strong', {}, `Khác ${QUANTITIES[d.kind] || 'con số'}: `), 'dự thảo ghi ', el('mark', {class: 'num'}, d.draft.text),
			', quy định hiện hành ghi ', el('mark', {class: 'num'}, d.other.text)))) : null,
		button,
		o.text ? el('details', {class: 'other-text'}, el('summary', {}, 'Đoạn trùng trong quy định này'),
			el('div', {class: 'text'}, highlighted(o.text, otherRanges))) : null);
}

function articleSection(article, index) {
	const name = article.preamble ? 'Phần mở đầu' : article.number ? `Điều ${article.number}` : 'Dự thảo';
	const headingId = `art-${index}`;
	// a region of its own: it scrolls apart from the page, by keyboard too
	const textBox = el('div', {class: 'text draft-text', id: `art-${index}-text`, role: 'region', tabindex: '0',
		'aria-label': `Nội dung ${name} của dự thảo`});
	const overlaps = article.overlaps || [];
	const list = el('ol', {class: 'overlaps'});
	let selected = -1;
	const select = (k) => {
		selected = selected === k ? -1 : k;
		clear(textBox).append(highlighted(article.text, draftRanges(article, overlaps[selected])));
		list.querySelectorAll('.mark-toggle').forEach((b, i) => b.setAttribute('aria-pressed', String(i === selected)));
	};
	overlaps.forEach((o, k) => list.append(overlapItem(o, k, select)));
	const report = el('div', {class: 'check-report'});
	const cites = article.citations || [];
	report.append(el('h3', {}, `Trích dẫn (${cites.length})`));
	report.append(cites.length ? el('ul', {class: 'citations'}, cites.map((c, n) => citationItem(c, index, n)))
		: el('p', {class: 'summary'}, 'Không có trích dẫn.'));
	if (!article.preamble) {
		report.append(el('h3', {}, `Quy định giống (${overlaps.length})`));
		if (article.overlaps_skipped) report.append(el('p', {class: 'notice'}, 'Chỉ tìm quy định giống cho 300 điều đầu.'));
		else report.append(overlaps.length ? list : el('p', {class: 'summary'}, 'Không thấy quy định nào giống.'));
	}
	const section = el('section', {class: 'check-article', 'aria-labelledby': headingId, dataset: {path: article.path || ''}},
		el('h2', {id: headingId}, name, article.heading ? `. ${article.heading}` : ''),
		el('div', {class: 'check-row'}, el('div', {class: 'draft-side'}, textBox), report));
	// the most similar overlap's passages are marked at first
	if (overlaps.length) select(0);
	else textBox.append(highlighted(article.text, draftRanges(article, null)));
	return section;
}

function summaryLine(report) {
	const s = report.summary || {};
	const counts = Object.entries(s.verdicts || {});
	return el('div', {class: 'check-summary'},
		el('p', {}, `${s.articles || 0} điều, ${s.citations || 0} trích dẫn, ${s.overlaps || 0} quy định giống`,
			s.number_differences ? `, ${s.number_differences} chỗ khác số liệu` : '',
			` — hiệu lực vào ngày ${date(report.date)}.`),
		counts.length ? el('ul', {class: 'verdict-counts', 'aria-label': 'Số trích dẫn theo kết luận'},
			counts.map(([v, n]) => el('li', {}, verdictBadge(v), ` ${n}`))) : null,
		el('p', {class: 'legend'}, 'Trong nội dung dự thảo: ', el('mark', {class: 'cite'}, 'trích dẫn'), ' được gạch chân; ',
			el('mark', {class: 'passage'}, 'đoạn trùng'), ' với quy định được chọn (nút “Đánh dấu trên dự thảo”) tô vàng; ',
			el('mark', {class: 'num'}, 'số liệu khác'), ' đóng khung đỏ.'));
}

let fileBytes = null; // the file picked, sent as it is while the text box holds its text

async function run(ev) {
	ev.preventDefault();
	const status = $('check-status'), body = clear($('report-body'));
	const text = $('draft').value;
	const payload = fileBytes && fileBytes.text === text ? fileBytes.bytes : text;
	if (!text.trim()) {
		status.textContent = 'Hãy dán nội dung dự thảo hoặc chọn một tệp.';
		$('draft').focus();
		return;
	}
	const scope = document.querySelector('input[name="in"]:checked').value;
	$('run').disabled = true;
	status.textContent = 'Đang kiểm tra…';
	let report;
	try {
		report = await api('/v1/check', {date: $('date').value, in: scope, text: 1}, {body: payload});
	} catch (e) {
		status.textContent = '';
		$('report').hidden = false;
		body.append(el('p', {class: 'error', role: 'alert'}, `Không kiểm tra được: ${e.message}`));
		return;
	} finally {
		$('run').disabled = false;
	}
	status.textContent = 'Đã kiểm tra xong.';
	body.append(summaryLine(report), ...(report.articles || []).map(articleSection));
	$('report').hidden = false;
	$('report-h').focus();
}

async function pickFile() {
	const file = $('file').files[0];
	fileBytes = null;
	if (!file) return;
	const bytes = new Uint8Array(await file.arrayBuffer());
	let text;
	try {
		text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
	} catch (e) {
		// not UTF-8: the daemon repairs legacy encodings, so the bytes go as they are
		text = new TextDecoder('windows-1258').decode(bytes);
		$('check-status').textContent = 'Tệp không ở mã UTF-8: máy chủ sẽ tự nhận dạng bảng mã.';
	}
	$('draft').value = text;
	fileBytes = {bytes, text};
}

initHeader();
$('date').value = today();
$('check-form').addEventListener('submit', run);
$('file').addEventListener('change', pickFile);
