// thuvien.js - the law library (Tủ sách pháp luật): documents browsed by
// type, issuer, year, field and province, newest first (/v1/listing with
// its facets). State in the URL.
import {
	api, clear, date, el, initHeader, label, learnNames, pager, paramsUrl, readParams, recordUrl, routeLinks, validityBadge,
} from './app.js';

const $ = (id) => document.getElementById(id);
const KEYS = ['type', 'issuer', 'year', 'field', 'province', 'status', 'sort', 'page'];
const GROUPS = [
	['type', 'type', 'Loại văn bản'], ['issuer', 'issuer', 'Cơ quan ban hành'], ['year', 'year', 'Năm ban hành'],
	['field', 'field', 'Lĩnh vực'], ['province', 'province', 'Tỉnh, thành phố'], ['validity', 'status', 'Tình trạng hiệu lực'],
];
const PER_PAGE = 20;

const readState = () => readParams(KEYS);
const stateUrl = (s) => paramsUrl('thuvien.html', KEYS, s);

function toggled(s, key, value) {
	const next = {...s};
	delete next.page;
	if (next[key] === value) delete next[key];
	else next[key] = value;
	return next;
}

async function render() {
	const s = readState();
	const list = clear($('list')), side = clear($('groups'));
	$('sort').value = s.sort || 'newest';
	const page = parseInt(s.page || '1', 10) || 1;
	let res;
	try {
		res = await api('/v1/listing', {...s, sort: s.sort, page, per_page: PER_PAGE, facets: 1});
	} catch (e) {
		list.append(el('p', {class: 'error', role: 'alert'}, e.message));
		return;
	}
	for (const it of res.items) learnNames(it);
	const chosen = GROUPS.filter(([, param]) => s[param]).map(([key, param]) => label(key, s[param]));
	$('summary').textContent = `${res.total.toLocaleString('vi-VN')} văn bản${chosen.length ? ' — ' + chosen.join(', ') : ''}, mới nhất trước`;
	if (s.sort === 'oldest') $('summary').textContent = $('summary').textContent.replace('mới nhất trước', 'cũ nhất trước');
	for (const [key, param, heading] of GROUPS) {
		const values = Object.entries((res.facets || {})[key] || {});
		if (!values.length) continue;
		if (key === 'year') values.sort((a, b) => b[0].localeCompare(a[0]));
		const ul = el('ul', {class: 'facet'});
		for (const [value, count] of values.slice(0, 40))
			ul.append(el('li', {}, el('a', {href: stateUrl(toggled(s, param, value)), 'aria-current': s[param] === value ? 'true' : null},
				el('span', {}, label(key, value)), el('span', {class: 'count'}, count.toLocaleString('vi-VN')))));
		side.append(el('details', {open: true}, el('summary', {}, heading), ul));
	}
	if (!res.items.length) {
		list.append(el('p', {class: 'help'}, 'Không có văn bản nào như vậy. ', el('a', {href: 'thuvien.html'}, 'Xem tất cả')));
		return;
	}
	const ol = el('ol', {class: 'hits', start: (page - 1) * PER_PAGE + 1});
	for (const it of res.items) {
		const meta = el('div', {class: 'hit-meta'}, el('span', {class: 'kind-label'}, it.type || 'Văn bản'));
		if (it.doc_number) meta.append(el('span', {}, it.doc_number));
		meta.append(validityBadge(it));
		const line = [it.issuer, it.issue_date ? `Ban hành ${date(it.issue_date)}` : '', it.effective_date ? `Hiệu lực ${date(it.effective_date)}` : '']
			.filter(Boolean).join(' · ');
		ol.append(el('li', {class: 'hit'}, meta, el('h3', {}, el('a', {href: recordUrl(it.id)}, it.title || it.doc_number || it.id)),
			line ? el('p', {class: 'dates-line'}, line) : null));
	}
	list.append(ol);
	const nav = pager(page, res.total, PER_PAGE, (p) => stateUrl({...s, page: String(p)}), 500);
	if (nav) list.append(nav);
}

initHeader();
$('sort').addEventListener('change', () => {
	const s = readState();
	delete s.page;
	s.sort = $('sort').value === 'newest' ? '' : $('sort').value;
	history.pushState(null, '', stateUrl(s));
	render();
});
routeLinks((link) => render().then(() => link && $('summary').focus()));
$('groups-box').open = !window.matchMedia('(max-width: 800px)').matches;
render();
