// search.js - the search page: one box, suggestions as you type, facets as
// filters, dates, sort, pages; the whole state in the URL (shareable; Back
// and Forward replay it).
import {
	api, clear, el, fold, goToCitation, hitUrl, highlighted, initHeader, KINDS, label, learnNames, pager,
	paramsUrl, readParams, recordTitle, routeLinks, topics, validityBadge, date,
} from './app.js';

const FILTERS = ['type', 'issuer', 'year', 'status', 'topic', 'province', 'issued', 'effective', 'inforce'];
const STATE_KEYS = ['q', 'in', ...FILTERS, 'sort', 'page'];
const FACETS = [
	['type', 'type', 'Loại văn bản'], ['issuer', 'issuer', 'Cơ quan ban hành'], ['year', 'year', 'Năm ban hành'],
	['validity', 'status', 'Tình trạng hiệu lực'], ['topic', 'topic', 'Chủ đề pháp điển'],
	['province', 'province', 'Tỉnh, thành phố'],
];
const FILTER_NAMES = {
	type: 'Loại', issuer: 'Cơ quan', year: 'Năm', status: 'Hiệu lực', topic: 'Chủ đề', province: 'Tỉnh',
	issued: 'Ban hành', effective: 'Có hiệu lực', inforce: 'Áp dụng ngày',
};
const PER_PAGE = 10;

const $ = (id) => document.getElementById(id);
let inflight = null;

const readState = () => readParams(STATE_KEYS);
const stateUrl = (s) => paramsUrl(location.pathname, STATE_KEYS, s, {in: 'all', page: '1'});

function go(state, {replace = false} = {}) {
	const url = stateUrl(state);
	if (replace) history.replaceState(null, '', url);
	else history.pushState(null, '', url);
	render(readState());
}

/** The state with KEY set to VALUE (or removed) and back to page 1. */
function withParam(s, key, value) {
	const next = {...s};
	delete next.page;
	if (value) next[key] = value;
	else delete next[key];
	return next;
}

function hasFilter(s) {
	return FILTERS.some((k) => s[k]);
}

// "2015-01-01..2016-06-30" ⇄ two date inputs
function splitRange(v) {
	const [a = '', b = ''] = (v || '').split('..');
	return [a, b];
}

function fillForm(s) {
	$('q').value = s.q || '';
	for (const r of document.querySelectorAll('input[name="in"]')) r.checked = r.value === (s.in || 'all');
	$('sort').value = s.sort || '';
	const f = $('date-form');
	[f.issued_from.value, f.issued_to.value] = splitRange(s.issued);
	[f.effective_from.value, f.effective_to.value] = splitRange(s.effective);
	f.inforce.value = s.inforce || '';
}

async function render(s) {
	fillForm(s);
	closeSuggestions();
	const area = clear($('hits-area'));
	const facetsBox = clear($('facets'));
	clear($('chips'));
	$('summary').textContent = '';
	document.title = s.q ? `${s.q} — Tra cứu — tracuu` : 'Tra cứu văn bản pháp luật — tracuu';
	renderChips(s);
	if (!s.q && !hasFilter(s)) {
		area.append(startPanel());
		return;
	}
	if (inflight) inflight.abort();
	inflight = new AbortController();
	const page = Math.max(1, parseInt(s.page || '1', 10) || 1);
	const params = {q: s.q, in: s.in, sort: s.sort, page, per_page: PER_PAGE, facets: 1};
	for (const k of FILTERS) params[k] = s[k];
	area.setAttribute('aria-busy', 'true');
	let res;
	try {
		res = await api('/v1/search', params, {signal: inflight.signal});
	} catch (e) {
		if (e.name === 'AbortError') return;
		area.removeAttribute('aria-busy');
		area.append(errorPanel(e, s));
		return;
	}
	area.removeAttribute('aria-busy');
	for (const h of res.hits) learnNames(h);
	const names = await topics();
	$('summary').textContent = res.total
		? `${res.total.toLocaleString('vi-VN')} kết quả${page > 1 ? ` — trang ${page}` : ''}`
		: 'Không có kết quả';
	renderFacets(facetsBox, res.facets || {}, s, names);
	renderChips(s, names);
	const rec = res.recognized || {};
	if ((rec.citations || []).length && (rec.doc_numbers || []).length && s.q) area.append(citationBanner(s.q));
	if (!res.hits.length) {
		area.append(noResults(s));
		return;
	}
	const list = el('ol', {class: 'hits', start: (page - 1) * PER_PAGE + 1});
	for (const h of res.hits) list.append(hitItem(h, s.q));
	area.append(list);
	const nav = pager(page, Math.min(res.total, 1000), PER_PAGE, (p) => stateUrl({...s, page: String(p)}));
	if (nav) area.append(nav);
}

function hitItem(h, q) {
	const [number, title] = recordTitle(h);
	const meta = el('div', {class: 'hit-meta'}, el('span', {class: 'kind-label'}, KINDS[h.kind] || h.kind));
	if (h.type && h.kind !== 'codified') meta.append(el('span', {}, h.type));
	if (number) meta.append(el('span', {}, number));
	if (h.kind === 'codified' && h.codified)
		meta.append(el('span', {}, `Đề mục ${h.codified.demuc_number} ${h.codified.demuc_name || ''}`));
	if (h.kind === 'demuc' && h.codified)
		meta.append(el('span', {}, `Chủ đề ${h.codified.chude_number} ${h.codified.chude_name || ''}`));
	if (!['codified', 'demuc', 'chude'].includes(h.kind)) meta.append(validityBadge(h));
	const dates = [];
	if (h.kind === 'provision' && h.doc_title) dates.push(h.doc_title);
	if (h.issuer) dates.push(h.issuer);
	if (h.issue_date) dates.push(`Ban hành ${date(h.issue_date)}`);
	if (h.effective_date) dates.push(`Hiệu lực ${date(h.effective_date)}`);
	if (h.matched_clause) {
		const m = /\/k([^/]+)(?:\/([^/]+))?$/.exec(h.matched_clause);
		if (m) dates.unshift(m[2] ? `Điểm ${m[2]} khoản ${m[1]}` : `Khoản ${m[1]}`);
	}
	return el('li', {class: 'hit', 'data-id': h.id},
		meta,
		el('h3', {}, el('a', {href: hitUrl(h, q)}, title || h.id)),
		h.snippet ? el('p', {class: 'snippet'}, highlighted(h.snippet, h.highlights)) : null,
		dates.length ? el('p', {class: 'dates-line'}, dates.join(' · ')) : null);
}

function renderFacets(box, facets, s, names) {
	for (const [key, param, heading] of FACETS) {
		const counts = facets[key] || {};
		let values = Object.entries(counts);
		if (!values.length) continue;
		if (key === 'year') values.sort((a, b) => b[0].localeCompare(a[0]));
		const list = el('ul', {class: 'facet'});
		for (const [value, count] of values.slice(0, 30)) {
			const active = s[param] === value;
			list.append(el('li', {}, el('a', {
				href: stateUrl(withParam(s, param, active ? '' : value)),
				'aria-current': active ? 'true' : null,
				'data-facet': param, 'data-value': value,
				title: active ? 'Bỏ bộ lọc này' : null,
			}, el('span', {}, label(key, value, names)), el('span', {class: 'count'}, count.toLocaleString('vi-VN')))));
		}
		box.append(el('details', {open: true}, el('summary', {}, heading), list));
	}
}

function renderChips(s, names) {
	const chips = clear($('chips'));
	for (const k of FILTERS) {
		if (!s[k]) continue;
		const facet = k === 'status' ? 'validity' : k;
		const value = ['issued', 'effective'].includes(k)
			? splitRange(s[k]).map((d) => date(d) || '…').join(' – ')
			: k === 'inforce' ? date(s[k]) : label(facet, s[k], names);
		chips.append(el('li', {}, el('button', {
			type: 'button', 'aria-label': `Bỏ bộ lọc ${FILTER_NAMES[k]}: ${value}`,
			onclick: () => go(withParam(readState(), k, '')),
		}, `${FILTER_NAMES[k]}: ${value} ✕`)));
	}
}

function citationBanner(q) {
	const status = el('span', {role: 'status'});
	return el('p', {class: 'notice'}, 'Câu tìm có trích dẫn. ',
		el('button', {type: 'button', class: 'secondary', onclick: () => goToCitation(q, status)}, 'Mở đúng khoản, điều được trích dẫn'),
		' ', status);
}

function startPanel() {
	const examples = ['quyền sử dụng đất', 'thanh nien', 'nd 111/2022', 'khoản 2 Điều 2 Nghị định 111/2022/NĐ-CP',
		'Nhãn phụ là gì?', '"hợp đồng lao động" -"thử việc"'];
	return el('div', {class: 'help'},
		el('h2', {}, 'Tìm văn bản, điều khoản và Bộ pháp điển'),
		el('p', {}, 'Gõ từ khóa có dấu hoặc không dấu, số hiệu văn bản theo cách viết nào cũng được, hoặc dán một trích dẫn.'),
		el('ul', {class: 'examples', 'aria-label': 'Ví dụ'},
			examples.map((q) => el('li', {}, el('a', {href: stateUrl({q})}, q)))),
		el('p', {}, 'Cú pháp: ', el('code', {}, '"cụm từ"'), ' tìm đúng cụm; ', el('code', {}, '-từ'), ' loại trừ; ',
			el('code', {}, 'OR'), ' hoặc; ', el('code', {}, 'loai:nghi-dinh'), ', ', el('code', {}, 'nam:2015'), ', ',
			el('code', {}, 'apdung:2020-07-01'), ' lọc.'));
}

function noResults(s) {
	const tips = el('ul');
	const words = (s.q || '').trim().split(/\s+/).filter(Boolean);
	if (s.q && fold(s.q) !== s.q.toLowerCase())
		tips.append(el('li', {}, 'Thử gõ không dấu: ', el('a', {href: stateUrl({...s, q: fold(s.q), page: ''})}, fold(s.q))));
	if (words.length > 2)
		tips.append(el('li', {}, 'Dùng ít từ hơn: ',
			el('a', {href: stateUrl({...s, q: words.slice(0, words.length - 1).join(' '), page: ''})},
				words.slice(0, words.length - 1).join(' '))));
	if (hasFilter(s))
		tips.append(el('li', {}, 'Bỏ các bộ lọc: ', el('a', {href: stateUrl({q: s.q, in: s.in})}, 'tìm lại không lọc')));
	if (s.in && s.in !== 'all')
		tips.append(el('li', {}, 'Tìm trong tất cả: ', el('a', {href: stateUrl({...s, in: '', page: ''})}, 'văn bản, điều khoản và pháp điển')));
	tips.append(el('li', {}, 'Kiểm tra số hiệu: ví dụ 52/2015/NĐ-CP, "nd 52/2015" hoặc "52/2015".'));
	tips.append(el('li', {}, 'Dùng từ đồng nghĩa hoặc từ chung hơn.'));
	return el('div', {class: 'help', id: 'no-results'}, el('h2', {}, `Không tìm thấy kết quả cho “${s.q || ''}”`), tips);
}

function errorPanel(e, s) {
	const p = e.problem || {};
	const where = p.position ? ` (ở ký tự thứ ${p.position})` : '';
	return el('div', {class: 'error', role: 'alert'},
		el('p', {}, e.status === 400 ? `Câu tìm chưa đúng cú pháp${where}: ` : 'Không tra cứu được: ', e.message),
		s.q ? el('p', {}, 'Thử bỏ dấu ngoặc kép, ngoặc đơn hoặc dấu hai chấm trong câu tìm.') : null);
}

// ---- suggestions (ARIA combobox) ----

let suggestTimer = 0, suggestAbort = null, suggestions = [], active = -1;

function closeSuggestions() {
	const box = $('suggestions');
	box.hidden = true;
	clear(box);
	$('q').setAttribute('aria-expanded', 'false');
	$('q').removeAttribute('aria-activedescendant');
	suggestions = [];
	active = -1;
}

function setActive(i) {
	const items = $('suggestions').children;
	if (active >= 0 && items[active]) items[active].setAttribute('aria-selected', 'false');
	active = i;
	if (active >= 0 && items[active]) {
		items[active].setAttribute('aria-selected', 'true');
		$('q').setAttribute('aria-activedescendant', items[active].id);
		items[active].scrollIntoView({block: 'nearest'});
	} else {
		$('q').removeAttribute('aria-activedescendant');
	}
}

function choose(i) {
	const sug = suggestions[i];
	if (!sug) return;
	closeSuggestions();
	if (sug.id) location.assign(hitUrl({id: sug.id, kind: sug.kind}, ''));
	else go(withParam(readState(), 'q', sug.text));
}

async function suggest(text) {
	if (suggestAbort) suggestAbort.abort();
	if (text.trim().length < 2) return closeSuggestions();
	suggestAbort = new AbortController();
	let res;
	try {
		res = await api('/v1/suggest', {q: text}, {signal: suggestAbort.signal});
	} catch (e) {
		return closeSuggestions();
	}
	if ($('q').value !== text) return;
	const box = clear($('suggestions'));
	suggestions = res.suggestions || [];
	active = -1;
	suggestions.forEach((sug, i) => box.append(el('li', {
		id: `sug-${i}`, role: 'option', 'aria-selected': 'false',
		onmousedown: (ev) => { ev.preventDefault(); choose(i); },
	}, el('span', {class: 'kind'}, KINDS[sug.kind] || (sug.kind === 'heading' ? 'Đề mục' : sug.kind === 'number' ? 'Số hiệu' : '')), sug.text)));
	box.hidden = !suggestions.length;
	$('q').setAttribute('aria-expanded', suggestions.length ? 'true' : 'false');
}

function initSuggest() {
	const q = $('q');
	q.addEventListener('input', () => {
		clearTimeout(suggestTimer);
		suggestTimer = setTimeout(() => suggest(q.value), 150);
	});
	q.addEventListener('keydown', (ev) => {
		if ($('suggestions').hidden) return;
		if (ev.key === 'ArrowDown') { ev.preventDefault(); setActive((active + 1) % suggestions.length); }
		else if (ev.key === 'ArrowUp') { ev.preventDefault(); setActive(active <= 0 ? suggestions.length - 1 : active - 1); }
		else if (ev.key === 'Escape') { ev.preventDefault(); closeSuggestions(); }
		else if (ev.key === 'Enter' && active >= 0) { ev.preventDefault(); choose(active); }
	});
	q.addEventListener('blur', () => setTimeout(closeSuggestions, 100));
}

// ---- wiring ----

function init() {
	initHeader();
	initSuggest();
	$('search-form').addEventListener('submit', (ev) => {
		ev.preventDefault();
		const s = readState();
		const next = {...s, q: $('q').value.trim()};
		delete next.page;
		go(next);
	});
	for (const r of document.querySelectorAll('input[name="in"]'))
		r.addEventListener('change', () => go(withParam(readState(), 'in', r.value === 'all' ? '' : r.value)));
	$('sort').addEventListener('change', () => go(withParam(readState(), 'sort', $('sort').value)));
	$('date-form').addEventListener('submit', (ev) => {
		ev.preventDefault();
		const f = ev.target;
		let s = readState();
		const range = (a, b) => (a || b ? `${a}..${b}` : '');
		s = withParam(s, 'issued', range(f.issued_from.value, f.issued_to.value));
		s = withParam(s, 'effective', range(f.effective_from.value, f.effective_to.value));
		s = withParam(s, 'inforce', f.inforce.value);
		go(s);
	});
	// links inside the results and facets change the state without a reload
	routeLinks((link) => {
		render(readState());
		if (link) $('results').scrollIntoView({block: 'start'});
		if (link && link.dataset.page) $('results-h').focus();
	});
	const box = $('filters-box');
	const narrow = window.matchMedia('(max-width: 800px)');
	box.open = !narrow.matches;
	render(readState());
}

init();
