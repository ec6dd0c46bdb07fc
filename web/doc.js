// doc.js - a record's page: a document (metadata, validity, outline, the
// text with an anchor on every Chương, Mục, Điều, khoản and điểm), a
// codified article (its place in the pháp điển, source note and sources), or
// a source document. A provision, clause or point id lands on its document
// at that part; ?number= resolves a document number first.
import {
	anchorOf, api, clear, date, el, idPath, initHeader, KINDS, markWords, queryWords, recordUrl, validityBadge,
} from './app.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const query = params.get('q') || '';

const RELATIONS = {
	original: 'Nguồn', 'amended-by': 'Được sửa đổi, bổ sung bởi', 'repealed-by': 'Bị bãi bỏ bởi', other: 'Liên quan',
};

// A document number in running text: 52/2015/NĐ-CP, 57/2020/QH14, 03/VBHN-BTP.
const NUMBER_RE = /\b\d+[a-z]?(?:\/\d{4})?\/[A-ZĐ][A-ZĐa-z0-9]*(?:-[A-ZĐ0-9][A-ZĐa-z0-9]*)*/gu;

/** TEXT with its document numbers linked to their pages. */
function linkNumbers(text) {
	const frag = document.createDocumentFragment();
	let last = 0;
	for (const m of String(text || '').matchAll(NUMBER_RE)) {
		frag.append(text.slice(last, m.index), el('a', {href: `doc.html?number=${encodeURIComponent(m[0])}`}, m[0]));
		last = m.index + m[0].length;
	}
	frag.append(String(text || '').slice(last));
	return frag;
}

function showError(message, extra) {
	const main = clear($('main'));
	main.append(el('h1', {}, 'Không mở được văn bản'), el('p', {class: 'error', role: 'alert'}, message), extra || '');
}

// ---- the text, with anchors ----

const PART_RE = /^(Phần|PHẦN)\s+(thứ\s+[\p{L}]+|THỨ\s+[\p{L}]+|[IVXLC]+|\d+)\s*[.:]?\s*(.*)$/u;
const CHAPTER_RE = /^(Chương|CHƯƠNG)\s+([IVXLC]+|\d+[a-z]?)\s*[.:]?\s*(.*)$/u;
const SECTION_RE = /^(Mục|MỤC)\s+(\d+)\s*[.:]?\s*(.*)$/u;
const ARTICLE_RE = /^(Điều|ĐIỀU)\s+(\d+[a-zđ]?(?:\.[\dA-ZĐa-zđ]+)*)\s*[.:]?\s*(.*)$/u;
const ANNEX_RE = /^(Phụ lục|PHỤ LỤC)\s*([IVXLC]+|\d+)?\s*[.:]?\s*(.*)$/u;
const CLAUSE_RE = /^(\d+)\.\s/;
const POINT_RE = /^([a-zđ])\)\s/;

/** TEXT (lines) as paragraphs with ids; OUTLINE receives the headings.
 * CODIFIED: the text of one codified article (its clauses are "k1", …). */
function renderText(text, outline, codified) {
	const box = el('div', {class: 'text', id: 'text'});
	let chapter = '', article = codified ? '' : null, clause = null, inAnnex = false;
	const seen = new Set();
	const unique = (id) => {
		let u = id, n = 2;
		while (seen.has(u)) u = `${id}~${n++}`;
		seen.add(u);
		return u;
	};
	const anchorLink = (id, name, focusable) =>
		el('a', {class: 'anchor', href: `#${id}`, 'aria-label': `Liên kết đến ${name}`, tabindex: focusable ? null : '-1'}, '¶');
	for (const line of String(text || '').split('\n')) {
		if (!line.trim()) continue;
		let m;
		if (!codified && (m = PART_RE.exec(line))) {
			const id = unique(`phan-${m[2].toLowerCase().replace(/\s+/g, '-')}`);
			box.append(el('p', {class: 'part-h', id}, line));
			outline.push({level: 0, id, text: line});
			article = null; clause = null; inAnnex = false;
		} else if (!codified && (m = CHAPTER_RE.exec(line))) {
			chapter = m[2];
			const id = unique(`chuong-${chapter}`);
			box.append(el('p', {class: 'chapter-h', id}, line));
			outline.push({level: 0, id, text: line});
			article = null; clause = null; inAnnex = false;
		} else if (!codified && (m = SECTION_RE.exec(line))) {
			const id = unique(`${chapter ? `chuong-${chapter}-` : ''}muc-${m[2]}`);
			box.append(el('p', {class: 'section-h', id}, line));
			outline.push({level: 1, id, text: line});
			article = null; clause = null;
		} else if ((m = ARTICLE_RE.exec(line)) && (!codified || article === '')) {
			const number = m[2].toLowerCase();
			article = codified ? 'article' : number;
			clause = null;
			inAnnex = false;
			const id = codified ? 'dieu' : unique(`d${number}`);
			box.append(el('p', {class: 'article-h', id, tabindex: '-1'}, line, anchorLink(id, `Điều ${m[2]}`, true)));
			outline.push({level: 2, id, text: line});
		} else if (!codified && (m = ANNEX_RE.exec(line)) && (m[2] || /^(Phụ lục|PHỤ LỤC)\s*$/u.test(line))) {
			const id = unique(`pl${(m[2] || '').toLowerCase()}`);
			box.append(el('p', {class: 'chapter-h', id}, line));
			outline.push({level: 0, id, text: line});
			article = null; clause = null; inAnnex = true;
		} else if (article !== null && !inAnnex && (m = CLAUSE_RE.exec(line))) {
			clause = m[1];
			const id = unique(codified ? `k${clause}` : `d${article}-k${clause}`);
			const name = `khoản ${clause}${codified ? '' : ` Điều ${article}`}`;
			box.append(el('p', {class: 'clause', id, tabindex: '-1'}, line, anchorLink(id, name, false)));
		} else if (article !== null && !inAnnex && (m = POINT_RE.exec(line))) {
			const base = codified ? (clause ? `k${clause}` : '') : `d${article}${clause ? `-k${clause}` : ''}`;
			const id = unique(base ? `${base}-${m[1]}` : m[1]);
			const name = `điểm ${m[1]}${clause ? ` khoản ${clause}` : ''}${codified ? '' : ` Điều ${article}`}`;
			box.append(el('p', {class: 'point', id, tabindex: '-1'}, line, anchorLink(id, name, false)));
		} else {
			box.append(el('p', {}, line));
		}
	}
	return box;
}

function outlinePanel(entries, title) {
	if (!entries.length) return null;
	const list = el('ol');
	for (const e of entries)
		list.append(el('li', {class: e.level === 2 ? 'article' : e.level === 1 ? 'section' : 'chapter'},
			el('a', {href: `#${e.id}`}, e.text.length > 90 ? e.text.slice(0, 88) + '…' : e.text)));
	// open beside the text on a desktop, folded above it on a phone
	const box = el('details', {open: !window.matchMedia('(max-width: 800px)').matches},
		el('summary', {}, title), list);
	return el('nav', {class: 'outline', 'aria-label': title}, box);
}

function metaTable(rec) {
	const rows = [
		['Số hiệu', rec.doc_number], ['Loại văn bản', rec.type], ['Cơ quan ban hành', rec.issuer],
		['Người ký', rec.signer], ['Nơi ban hành', rec.place], ['Ngày ban hành', date(rec.issue_date)],
		['Ngày có hiệu lực', date(rec.effective_date)], ['Ngày hết hiệu lực', date(rec.expiry_date)],
		['Tình trạng hiệu lực', validityBadge(rec)], ['Lĩnh vực', rec.field],
		['Phạm vi', rec.scope === 'local' ? `Địa phương${rec.province ? ': ' + rec.province : ''}` : rec.scope === 'central' ? 'Trung ương' : ''],
		['Nguồn', rec.url ? el('a', {href: rec.url, rel: 'noopener'}, new URL(rec.url).hostname) : ''],
	];
	const table = el('table', {class: 'meta'}, el('caption', {class: 'visually-hidden'}, 'Thông tin văn bản'));
	for (const [k, v] of rows) if (v) table.append(el('tr', {}, el('th', {scope: 'row'}, k), el('td', {}, v)));
	return table;
}

function listOf(items, link) {
	const ul = el('ul');
	for (const it of items) ul.append(el('li', {}, link(it)));
	return ul;
}

function codifiedLink(it) {
	const num = it.article_number ? `Điều ${it.article_number}. ` : '';
	return el('a', {href: recordUrl(it.id)}, `${num}${it.title || it.heading || it.id}`);
}

// ---- the kinds of record ----

function renderDocument(rec, main) {
	const outline = [];
	const text = renderText(rec.text, outline, false);
	const links = el('section', {class: 'links', 'aria-labelledby': 'links-h'}, el('h2', {id: 'links-h'}, 'Liên kết'));
	let hasLinks = false;
	if (rec.consolidates) {
		links.append(el('h3', {}, 'Văn bản được hợp nhất'), el('p', {}, linkNumbers(rec.consolidates)));
		hasLinks = true;
	}
	if ((rec.codified_from_this || []).length) {
		links.append(el('h3', {}, 'Các điều của Bộ pháp điển lấy từ văn bản này'), listOf(rec.codified_from_this, codifiedLink));
		hasLinks = true;
	}
	const body = el('div', {},
		el('p', {class: 'kind-label'}, rec.type || KINDS[rec.kind]),
		el('h1', {}, rec.doc_number ? `${rec.doc_number} — ` : '', rec.title || rec.id),
		metaTable(rec),
		hasLinks ? links : null,
		el('div', {id: 'article-links'}),
		el('h2', {}, 'Toàn văn'),
		rec.text ? text : el('p', {class: 'notice'}, 'Chỉ mục không có toàn văn của văn bản này.',
			rec.url ? [' Xem tại ', el('a', {href: rec.url, rel: 'noopener'}, 'nguồn')] : null));
	main.append(el('div', {class: 'doc-layout'}, outlinePanel(outline, 'Mục lục') || el('div'), body));
}

function renderCodified(rec, main) {
	const c = rec.codified || {};
	const crumbs = el('nav', {class: 'crumbs', 'aria-label': 'Vị trí trong Bộ pháp điển'}, el('ol', {},
		el('li', {}, el('a', {href: 'phapdien.html'}, 'Bộ pháp điển')),
		c.chude_number ? el('li', {}, el('a', {href: `phapdien.html?chude=${encodeURIComponent(c.chude_number)}`},
			`Chủ đề ${c.chude_number}. ${c.chude_name || ''}`)) : null,
		c.demuc_number ? el('li', {}, el('a', {href: `phapdien.html?chude=${encodeURIComponent(c.chude_number)}&demuc=${encodeURIComponent(c.demuc_number)}`},
			`Đề mục ${c.demuc_number}. ${c.demuc_name || ''}`)) : null,
		c.chapter ? el('li', {}, c.chapter) : null));
	const sources = el('ul');
	for (const s of c.sources || []) {
		const prov = (s.provisions || [])[0];
		const title = `${s.article ? s.article + ' ' : ''}${s.type || ''} ${s.doc_number || ''}${s.title ? ' — ' + s.title : ''}`.trim();
		sources.append(el('li', {},
			el('span', {class: 'relation'}, RELATIONS[s.relation] || s.relation, ': '),
			el('a', {href: prov ? recordUrl(prov.id) : `doc.html?number=${encodeURIComponent(s.doc_number || '')}`}, title),
			s.effective_date ? ` (hiệu lực ${date(s.effective_date)})` : '',
			s.url ? [' · ', el('a', {href: s.url, rel: 'noopener'}, 'vbpl.vn')] : null));
	}
	const refs = el('ul');
	for (const r of c.cross_refs || []) {
		const same = r.anchor && c.demuc_number && r.label.includes(`Điều ${c.demuc_number}.`);
		refs.append(el('li', {}, r.anchor
			? el('a', {href: same ? recordUrl(`pd/${c.demuc_id}/${r.anchor}`) : `index.html?in=codified&q=${encodeURIComponent(r.label.split('.').slice(0, 5).join('.'))}`}, r.label)
			: r.url ? el('a', {href: r.url, rel: 'noopener'}, r.label) : r.label));
	}
	const outline = [];
	main.append(crumbs,
		el('p', {class: 'kind-label'}, 'Điều của Bộ pháp điển'),
		el('h1', {}, c.article_number ? `Điều ${c.article_number}. ` : '', rec.title || ''),
		c.note ? el('p', {class: 'note'}, el('strong', {}, 'Ghi chú: '), linkNumbers(c.note)) : null,
		renderText(rec.text, outline, true),
		el('section', {class: 'links', 'aria-labelledby': 'links-h'}, el('h2', {id: 'links-h'}, 'Liên kết'),
			(c.sources || []).length ? [el('h3', {}, 'Nguồn và sửa đổi'), sources] : el('p', {}, 'Không có ghi chú nguồn.'),
			(c.cross_refs || []).length ? [el('h3', {}, 'Điều liên quan (chỉ dẫn)'), refs] : null,
			rec.url ? el('p', {}, el('a', {href: rec.url, rel: 'noopener'}, 'Xem trên vbpl.vn')) : null));
}

function renderSource(rec, main) {
	main.append(
		el('p', {class: 'kind-label'}, 'Văn bản nguồn của Bộ pháp điển'),
		el('h1', {}, rec.doc_number ? `${rec.doc_number} — ` : '', rec.title || rec.id),
		metaTable(rec),
		el('p', {class: 'notice'}, 'Chỉ mục biết văn bản này qua ghi chú của Bộ pháp điển, chưa có toàn văn. ',
			el('a', {href: `index.html?in=codified&q=${encodeURIComponent(rec.doc_number || rec.title || '')}`}, 'Các điều pháp điển nhắc đến văn bản này')));
}

/** The codified articles of article ARTICLE_ID, under the targeted article. */
async function articleLinks(docId) {
	const box = $('article-links');
	const target = location.hash ? decodeURIComponent(location.hash.slice(1)) : '';
	const m = /^d([^-]+)/.exec(target);
	if (!box || !m) return;
	clear(box);
	try {
		const prov = await api(`/v1/documents/${idPath(`${docId}/d${m[1]}`)}`);
		if ((prov.codified_from_this || []).length)
			box.append(el('section', {class: 'links'}, el('h2', {}, `Điều ${m[1]} được pháp điển tại`),
				listOf(prov.codified_from_this, codifiedLink)));
	} catch (e) {
		// an article the index does not hold as a provision: nothing to link
	}
}

// ---- landing on a part ----

function showTarget() {
	for (const old of document.querySelectorAll('.text .target')) old.classList.remove('target');
	const id = location.hash ? decodeURIComponent(location.hash.slice(1)) : '';
	const node = id && document.getElementById(id);
	if (!node) return false;
	node.classList.add('target');
	node.scrollIntoView({block: 'start'});
	if (node.hasAttribute('tabindex')) node.focus({preventScroll: true});
	return true;
}

async function load() {
	initHeader();
	const main = $('main');
	const number = params.get('number');
	let id = params.get('id');
	if (!id && number) {
		try {
			const res = await api('/v1/lookup', {number});
			const match = res.matches && res.matches[0];
			if (match && match.document) return location.replace(recordUrl(match.document.id, {q: query}));
		} catch (e) {
			const cands = (e.problem && e.problem.candidates) || [];
			return showError(`Chỉ mục không có văn bản số ${number}.`, cands.length
				? el('div', {}, el('p', {}, 'Văn bản gần nhất:'), listOf(cands, (c) => el('a', {href: recordUrl(c.id)}, `${c.doc_number || ''} ${c.title || ''}`)))
				: el('p', {}, el('a', {href: `index.html?q=${encodeURIComponent(number)}`}, 'Tìm số hiệu này')));
		}
	}
	if (!id) return showError('Thiếu mã văn bản (id).');
	let rec;
	try {
		rec = await api(`/v1/documents/${idPath(id)}`);
	} catch (e) {
		return showError(e.status === 404 ? `Không có văn bản, điều khoản nào mã "${id}".` : e.message,
			el('p', {}, el('a', {href: 'index.html'}, 'Về trang tra cứu')));
	}
	// a part lands on its whole: a provision on its document, a clause or
	// point on its article's document (or codified article)
	if (rec.kind === 'clause' || rec.kind === 'point') {
		const articleId = rec.article_id;
		let art = null;
		try {
			art = await api(`/v1/documents/${idPath(articleId)}`);
		} catch (e) {
			art = null;
		}
		const docId = art && art.kind === 'provision' && art.doc_id ? art.doc_id : articleId;
		return location.replace(recordUrl(docId, {q: query, anchor: anchorOf(id, docId)}));
	}
	if (rec.kind === 'provision' && rec.doc_id)
		return location.replace(recordUrl(rec.doc_id, {q: query, anchor: location.hash.slice(1) || anchorOf(id, rec.doc_id)}));
	clear(main);
	document.title = `${[rec.type, rec.doc_number].filter(Boolean).join(' ') || (rec.codified ? 'Điều ' + rec.codified.article_number : '')} ${rec.title || ''} — tracuu`.trim();
	if (rec.kind === 'codified') renderCodified(rec, main);
	else if (rec.kind === 'source') renderSource(rec, main);
	else renderDocument(rec, main);
	const marked = query ? markWords($('text') || main, queryWords(query)) : 0;
	if (!showTarget() && marked) {
		const first = main.querySelector('.text mark');
		if (first) first.scrollIntoView({block: 'center'});
	}
	if (rec.kind === 'document') articleLinks(rec.id);
	window.addEventListener('hashchange', () => {
		showTarget();
		if (rec.kind === 'document') articleLinks(rec.id);
	});
}

load();
