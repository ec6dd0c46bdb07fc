// phapdien.js - the codification (Bộ pháp điển) browsed: chủ đề → đề mục →
// chương → điều. Each article opens in place with its text and its source
// note, the note's document numbers linked. State in the URL.
import {api, clear, el, idPath, initHeader, pager, recordUrl, routeLinks} from './app.js';

const $ = (id) => document.getElementById(id);
const PER_PAGE = 50;

function readState() {
	const p = new URLSearchParams(location.search);
	return {chude: p.get('chude') || '', demuc: p.get('demuc') || '', page: parseInt(p.get('page') || '1', 10) || 1};
}

function stateUrl({chude, demuc, page}) {
	const p = new URLSearchParams();
	if (chude) p.set('chude', chude);
	if (demuc) p.set('demuc', demuc);
	if (page > 1) p.set('page', page);
	return 'phapdien.html' + (p.toString() ? '?' + p : '');
}

function crumbs(items) {
	const ol = el('ol');
	items.forEach(([text, href], i) => ol.append(el('li', {}, href && i < items.length - 1 ? el('a', {href}, text) : el('span', {'aria-current': i === items.length - 1 ? 'page' : null}, text))));
	return el('nav', {class: 'crumbs', 'aria-label': 'Vị trí'}, ol);
}

const NUMBER_RE = /\b\d+[a-z]?(?:\/\d{4})?\/[A-ZĐ][A-ZĐa-z0-9]*(?:-[A-ZĐ0-9][A-ZĐa-z0-9]*)*/gu;

function noteWithLinks(note, sources) {
	// the note's document numbers link to the source article when the index
	// holds its document, else to the document's page
	const frag = document.createDocumentFragment();
	let last = 0;
	for (const m of note.matchAll(NUMBER_RE)) {
		const src = (sources || []).find((s) => s.doc_number === m[0]);
		const prov = src && (src.provisions || [])[0];
		frag.append(note.slice(last, m.index),
			el('a', {href: prov ? recordUrl(prov.id) : `doc.html?number=${encodeURIComponent(m[0])}`}, m[0]));
		last = m.index + m[0].length;
	}
	frag.append(note.slice(last));
	return frag;
}

async function openArticle(details, id) {
	if (details.dataset.loaded) return;
	details.dataset.loaded = '1';
	const body = details.querySelector('.body');
	try {
		const rec = await api(`/v1/documents/${idPath(id)}`);
		const c = rec.codified || {};
		clear(body);
		for (const line of (rec.text || '').split('\n').slice(1)) if (line.trim()) body.append(el('p', {}, line));
		if (c.note) body.append(el('p', {class: 'note'}, el('strong', {}, 'Nguồn: '), noteWithLinks(c.note, c.sources)));
		body.append(el('p', {}, el('a', {href: recordUrl(id)}, 'Mở trang của điều này')));
	} catch (e) {
		body.textContent = `Không tải được: ${e.message}`;
	}
}

async function render() {
	const s = readState();
	const main = clear($('main'));
	const root = ['Bộ pháp điển', stateUrl({})];
	try {
		if (!s.chude) {
			const res = await api('/v1/codification');
			document.title = 'Bộ pháp điển — tracuu';
			const list = el('ul', {class: 'tree'});
			for (const t of res.topics || [])
				list.append(el('li', {}, el('a', {href: stateUrl({chude: t.number})}, `Chủ đề ${t.number}. ${t.name || ''}`),
					el('span', {class: 'count'}, `${t.articles.toLocaleString('vi-VN')} điều`)));
			main.append(el('h1', {tabindex: '-1'}, 'Bộ pháp điển'),
				el('p', {}, 'Các quy phạm pháp luật hiện hành, sắp xếp theo chủ đề, đề mục, chương và điều; mỗi điều ghi rõ nguồn.'),
				list);
			return;
		}
		if (!s.demuc) {
			const res = await api(`/v1/codification/${encodeURIComponent(s.chude)}`);
			document.title = `Chủ đề ${res.number}. ${res.name} — Bộ pháp điển — tracuu`;
			const list = el('ul', {class: 'tree'});
			for (const h of res.headings || [])
				list.append(el('li', {}, el('a', {href: stateUrl({chude: s.chude, demuc: h.number})}, `Đề mục ${h.number}. ${h.name || ''}`),
					el('span', {class: 'count'}, `${h.articles.toLocaleString('vi-VN')} điều`)));
			main.append(crumbs([root, [`Chủ đề ${res.number}. ${res.name || ''}`]]), el('h1', {tabindex: '-1'}, `Chủ đề ${res.number}. ${res.name || ''}`), list);
			return;
		}
		const res = await api(`/v1/codification/${encodeURIComponent(s.chude)}/${encodeURIComponent(s.demuc)}`, {page: s.page, per_page: PER_PAGE});
		document.title = `Đề mục ${res.number}. ${res.name} — Bộ pháp điển — tracuu`;
		const chapters = el('ol', {class: 'chapter-list tree-chapters', style: 'list-style:none;padding:0'});
		for (const ch of res.chapters || []) {
			const arts = el('ul', {class: 'articles'});
			for (const a of ch.articles) {
				const details = el('details', {}, el('summary', {}, `Điều ${a.article_number || ''}. ${a.title || ''}`),
					el('div', {class: 'body'}, 'Đang tải…'));
				details.addEventListener('toggle', () => details.open && openArticle(details, a.id));
				arts.append(el('li', {}, details));
			}
			chapters.append(el('li', {}, ch.chapter ? el('h2', {}, ch.chapter) : null, arts));
		}
		main.append(
			crumbs([root, [`Chủ đề ${res.chude_number}. ${res.chude_name || ''}`, stateUrl({chude: s.chude})], [`Đề mục ${res.number}`]]),
			el('h1', {tabindex: '-1'}, `Đề mục ${res.number}. ${res.name || ''}`),
			el('p', {class: 'summary'}, `${res.total.toLocaleString('vi-VN')} điều. Mở một điều để đọc nội dung và nguồn của nó.`),
			chapters, pager(s.page, res.total, PER_PAGE, (p) => stateUrl({...s, page: p})) || '');
	} catch (e) {
		main.append(el('h1', {tabindex: '-1'}, 'Bộ pháp điển'), el('p', {class: 'error', role: 'alert'}, e.message),
			el('p', {}, el('a', {href: stateUrl({})}, 'Về danh sách chủ đề')));
	}
}

initHeader();
routeLinks((link) => render().then(() => link && $('main').querySelector('h1')?.focus()));
render();
