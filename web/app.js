// app.js - what every page of tracuu's web UI shares: the API client, a
// small DOM builder (text is always set as text, never parsed as HTML), the
// labels of the index's slugs, dates, validity badges, highlights from the
// API's UTF-8 byte ranges, record links and anchors, and the citation box.

export const API = new URL('./', import.meta.url).href.replace(/\/$/, '');

/** GET path (with params, empty ones left out) → parsed JSON; with
 * options.body (text or bytes) a POST of it. A problem (RFC 9457) is
 * thrown as an Error with .status, .problem. */
export async function api(path, params = {}, options = {}) {
	const url = new URL(API + path);
	for (const [k, v] of Object.entries(params))
		if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
	const post = options.body !== undefined;
	const res = await fetch(url, {
		method: post ? 'POST' : 'GET', body: post ? options.body : undefined, signal: options.signal,
		headers: post ? {Accept: 'application/json', 'Content-Type': 'text/plain; charset=utf-8'} : {Accept: 'application/json'},
	});
	let body = null;
	try {
		body = await res.json();
	} catch (e) {
		body = null;
	}
	if (!res.ok) {
		const err = new Error((body && (body.detail || body.title)) || `HTTP ${res.status}`);
		err.status = res.status;
		err.problem = body;
		throw err;
	}
	return body;
}

/** el('a', {href, class}, child, ...): children are nodes or text. */
export function el(tag, attrs = {}, ...children) {
	const node = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === undefined || v === null || v === false) continue;
		if (k === 'class') node.className = v;
		else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
		else if (k === 'dataset') Object.assign(node.dataset, v);
		else node.setAttribute(k, v === true ? '' : v);
	}
	append(node, children);
	return node;
}

export function append(node, children) {
	for (const c of children.flat(Infinity)) {
		if (c === undefined || c === null || c === false) continue;
		node.append(c instanceof Node ? c : document.createTextNode(String(c)));
	}
	return node;
}

export function clear(node) {
	while (node.firstChild) node.firstChild.remove();
	return node;
}

// ---- Vietnamese text ----

/** Lowercase, no diacritics, đ → d: how the index folds. */
export function fold(s) {
	return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
		.toLowerCase();
}

/** "UBND tỉnh Bắc Ninh" → "ubnd-tinh-bac-ninh", as the index's filter slugs. */
export function slugify(s) {
	return fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

// ---- labels of the index's slugs ----

export const TYPES = {
	'hien-phap': 'Hiến pháp', 'bo-luat': 'Bộ luật', 'luat': 'Luật', 'phap-lenh': 'Pháp lệnh',
	'lenh': 'Lệnh', 'nghi-quyet': 'Nghị quyết', 'nghi-quyet-lien-tich': 'Nghị quyết liên tịch',
	'nghi-dinh': 'Nghị định', 'quyet-dinh': 'Quyết định', 'thong-tu': 'Thông tư',
	'thong-tu-lien-tich': 'Thông tư liên tịch', 'chi-thi': 'Chỉ thị', 'van-ban-hop-nhat': 'Văn bản hợp nhất',
	'ke-hoach': 'Kế hoạch', 'thong-bao': 'Thông báo', 'cong-van': 'Công văn', 'huong-dan': 'Hướng dẫn',
	'bao-cao': 'Báo cáo', 'to-trinh': 'Tờ trình', 'cong-dien': 'Công điện', 'khac': 'Khác',
};

export const VALIDITY = {
	'con-hieu-luc': ['Còn hiệu lực', 'in-force'],
	'het-hieu-luc-toan-bo': ['Hết hiệu lực toàn bộ', 'expired'],
	'het-hieu-luc-mot-phan': ['Hết hiệu lực một phần', 'partial'],
	'chua-co-hieu-luc': ['Chưa có hiệu lực', 'pending'],
	'ngung-hieu-luc': ['Ngưng hiệu lực', 'expired'],
	'ngung-hieu-luc-mot-phan': ['Ngưng hiệu lực một phần', 'partial'],
	'khong-con-phu-hop': ['Không còn phù hợp', 'partial'],
	'khong-xac-dinh': ['Chưa xác định', 'unknown'],
};

// The provinces and cities (63 before the 2025 merger, and the names kept
// after it), for the labels of province slugs.
const PROVINCE_NAMES = ('An Giang|Bà Rịa - Vũng Tàu|Bắc Giang|Bắc Kạn|Bạc Liêu|Bắc Ninh|Bến Tre|Bình Định|' +
	'Bình Dương|Bình Phước|Bình Thuận|Cà Mau|Cần Thơ|Cao Bằng|Đà Nẵng|Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|' +
	'Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Nội|Hà Tĩnh|Hải Dương|Hải Phòng|Hậu Giang|Hòa Bình|Hưng Yên|' +
	'Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|Lạng Sơn|Lào Cai|Long An|Nam Định|Nghệ An|Ninh Bình|' +
	'Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|Sóc Trăng|Sơn La|' +
	'Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên Huế|Huế|Tiền Giang|Hồ Chí Minh|Trà Vinh|Tuyên Quang|' +
	'Vĩnh Long|Vĩnh Phúc|Yên Bái').split('|');
export const PROVINCES = Object.fromEntries(PROVINCE_NAMES.map((n) => [slugify(n), n]));
PROVINCES['trung-uong'] = 'Trung ương';

const ISSUERS = {
	'quoc-hoi': 'Quốc hội', 'uy-ban-thuong-vu-quoc-hoi': 'Ủy ban Thường vụ Quốc hội', 'chu-tich-nuoc': 'Chủ tịch nước',
	'chinh-phu': 'Chính phủ', 'thu-tuong-chinh-phu': 'Thủ tướng Chính phủ',
	'ban-chap-hanh-trung-uong': 'Ban Chấp hành Trung ương', 'bo-chinh-tri': 'Bộ Chính trị',
	'ngan-hang-nha-nuoc-viet-nam': 'Ngân hàng Nhà nước Việt Nam', 'toa-an-nhan-dan-toi-cao': 'Tòa án nhân dân tối cao',
	'vien-kiem-sat-nhan-dan-toi-cao': 'Viện kiểm sát nhân dân tối cao', 'kiem-toan-nha-nuoc': 'Kiểm toán nhà nước',
};
const MINISTRIES = ['Tư pháp', 'Tài chính', 'Công an', 'Quốc phòng', 'Ngoại giao', 'Nội vụ', 'Y tế', 'Xây dựng',
	'Công Thương', 'Giáo dục và Đào tạo', 'Lao động - Thương binh và Xã hội', 'Kế hoạch và Đầu tư',
	'Nông nghiệp và Phát triển nông thôn', 'Tài nguyên và Môi trường', 'Giao thông vận tải',
	'Thông tin và Truyền thông', 'Văn hóa, Thể thao và Du lịch', 'Khoa học và Công nghệ',
	'Nông nghiệp và Môi trường', 'Dân tộc và Tôn giáo', 'Thương mại'];
for (const m of MINISTRIES) ISSUERS[slugify('Bộ ' + m)] = 'Bộ ' + m;

// Names seen in records on this page: slug → name as written.
const learned = new Map();

/** Remember the names of RECORD's issuer, type, province and field. */
export function learnNames(record) {
	for (const key of ['issuer', 'type', 'province', 'field'])
		if (record && typeof record[key] === 'string' && record[key]) learned.set(slugify(record[key]), record[key]);
}

function prettySlug(slug) {
	const s = String(slug).replace(/-/g, ' ');
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The label of a facet value (FACET: type, issuer, year, validity, topic, province, field). */
export function label(facet, value, topics) {
	if (facet === 'type') return TYPES[value] || learned.get(value) || prettySlug(value);
	if (facet === 'validity' || facet === 'status') return (VALIDITY[value] || [prettySlug(value)])[0];
	if (facet === 'province') return PROVINCES[value] || learned.get(value) || prettySlug(value);
	if (facet === 'topic') return topics && topics[value] ? `${value}. ${topics[value]}` : `Chủ đề ${value}`;
	if (facet === 'issuer') {
		if (ISSUERS[value]) return ISSUERS[value];
		if (learned.has(value)) return learned.get(value);
		const local = /^(ubnd|hdnd)-(tinh|thanh-pho)-(.+)$/.exec(value);
		if (local && PROVINCES[local[3]])
			return `${local[1] === 'ubnd' ? 'UBND' : 'HĐND'} ${local[2] === 'tinh' ? 'tỉnh' : 'thành phố'} ${PROVINCES[local[3]]}`;
		return prettySlug(value);
	}
	return learned.get(value) || String(value);
}

export const KINDS = {
	document: 'Văn bản', provision: 'Điều', codified: 'Pháp điển', source: 'Văn bản nguồn', clause: 'Khoản',
	point: 'Điểm', demuc: 'Đề mục', chude: 'Chủ đề',
};

// ---- dates and validity ----

/** "2015-05-14" → "14/05/2015". */
export function date(iso) {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
	return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

export function today() {
	const d = new Date();
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The validity badge of a record: the official status when the record
 * has one, otherwise what its dates say (marked as such). */
export function validityBadge(rec) {
	const slug = rec.validity ? slugify(rec.validity) : '';
	if (slug && VALIDITY[slug]) {
		const [text, cls] = VALIDITY[slug];
		return el('span', {class: `badge ${cls}`}, text);
	}
	const now = today();
	if (rec.expiry_date && rec.expiry_date <= now)
		return el('span', {class: 'badge expired', title: 'Theo ngày hết hiệu lực'}, 'Hết hiệu lực');
	if (rec.effective_date && rec.effective_date > now)
		return el('span', {class: 'badge pending', title: 'Theo ngày có hiệu lực'}, 'Chưa có hiệu lực');
	if (rec.effective_date)
		return el('span', {class: 'badge unknown', title: 'Tình trạng hiệu lực chưa được xác nhận; theo ngày có hiệu lực'},
			`Có hiệu lực từ ${date(rec.effective_date)}`);
	return el('span', {class: 'badge unknown'}, 'Chưa rõ hiệu lực');
}

// ---- highlights ----

/** TEXT with the UTF-8 byte ranges [[start, end(, class)], ...] marked
 * (<mark>, with the classes of every range that covers a piece; ranges may
 * overlap). The API counts bytes, JavaScript strings count UTF-16 units:
 * the text is encoded, cut at the byte offsets and each piece decoded. */
export function highlighted(text, ranges) {
	const frag = document.createDocumentFragment();
	const bytes = new TextEncoder().encode(text || '');
	const dec = new TextDecoder();
	const kept = (ranges || []).filter((r) => Array.isArray(r) && r[0] >= 0 && r[0] < r[1] && r[1] <= bytes.length);
	const cuts = [...new Set([0, bytes.length, ...kept.flatMap((r) => [r[0], r[1]])])].sort((a, b) => a - b);
	let pending = null; // [from, to, classes] of a run of pieces marked alike
	const flush = () => {
		if (!pending) return;
		const piece = dec.decode(bytes.subarray(pending[0], pending[1]));
		frag.append(pending[2] === null ? piece : el('mark', {class: pending[2] || null}, piece));
		pending = null;
	};
	for (let i = 0; i + 1 < cuts.length; i++) {
		const [from, to] = [cuts[i], cuts[i + 1]];
		const over = kept.filter((r) => r[0] <= from && r[1] >= to);
		const classes = over.length ? [...new Set(over.map((r) => r[2]).filter(Boolean))].sort().join(' ') : null;
		// pieces marked alike make one mark where a range runs across the cut
		// (two ranges that only touch stay two marks)
		if (pending && pending[2] === classes && (classes === null || over.some((r) => r[0] < from))) pending[1] = to;
		else {
			flush();
			pending = [from, to, classes];
		}
	}
	flush();
	return frag;
}

/** The words of a query to highlight in a text: field filters, operators,
 * numbers of documents and one-letter words left out. */
export function queryWords(q) {
	return String(q || '')
		.replace(/\b[a-z]+:("[^"]*"|\S+)/gi, ' ')
		.replace(/\bOR\b/g, ' ')
		.split(/[\s"()\-*,.;:!?]+/)
		.filter((w) => w.length > 1 && !/\d/.test(w));
}

/** Mark the words WORDS in the text nodes under ROOT: a word typed with
 * diacritics matches only that spelling, one typed without matches every
 * spelling (as the search does). */
export function markWords(root, words) {
	if (!words.length) return 0;
	const exact = new Set(), loose = new Set();
	for (const w of words) (fold(w) === w.toLowerCase() ? loose : exact).add(w.toLowerCase());
	const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	const nodes = [];
	while (walker.nextNode()) if (!walker.currentNode.parentElement.closest('mark, .anchor')) nodes.push(walker.currentNode);
	let count = 0;
	const wordRe = /[\p{L}\p{M}\p{N}]+/gu;
	for (const node of nodes) {
		const text = node.data;
		let m, last = 0, frag = null;
		wordRe.lastIndex = 0;
		while ((m = wordRe.exec(text))) {
			const lower = m[0].toLowerCase();
			if (!exact.has(lower) && !loose.has(fold(lower))) continue;
			frag = frag || document.createDocumentFragment();
			frag.append(text.slice(last, m.index), el('mark', {}, m[0]));
			last = m.index + m[0].length;
			count++;
		}
		if (frag) {
			frag.append(text.slice(last));
			node.replaceWith(frag);
		}
	}
	return count;
}

// ---- records: links and anchors ----

/** A record id for a URL path: each segment percent-encoded, slashes kept. */
export function idPath(id) {
	return id.split('/').map(encodeURIComponent).join('/');
}

/** The page of record ID (with the query to highlight, and an anchor). */
export function recordUrl(id, {q, anchor} = {}) {
	// slashes kept: "doc.html?id=52/2015/nđ-cp#d5-k2" reads as what it is
	const enc = (v) => encodeURIComponent(v).replace(/%2F/g, '/');
	return `doc.html?id=${enc(id)}${q ? `&q=${encodeURIComponent(q)}` : ''}${anchor ? `#${enc(anchor)}` : ''}`;
}

/** The anchor of part ID within DOC_ID: "…/d5/k2/a" → "d5-k2-a". */
export function anchorOf(id, docId) {
	return id.startsWith(docId + '/') ? id.slice(docId.length + 1).split('/').join('-') : '';
}

/** Where a hit's link goes: a provision lands on its document at the
 * article (at the clause that matched), a codified article on its page, a
 * đề mục or chủ đề of the codification on its place in the codification. */
export function hitUrl(hit, q) {
	if ((hit.kind === 'demuc' || hit.kind === 'chude') && hit.codified) {
		const p = new URLSearchParams({chude: hit.codified.chude_number});
		if (hit.kind === 'demuc') p.set('demuc', hit.codified.demuc_number);
		return 'phapdien.html?' + p;
	}
	if (hit.kind === 'provision' && hit.doc_id) {
		const part = hit.matched_clause || hit.id;
		return recordUrl(hit.doc_id, {q, anchor: anchorOf(part, hit.doc_id)});
	}
	if (hit.matched_clause) return recordUrl(hit.id, {q, anchor: anchorOf(hit.matched_clause, hit.id)});
	return recordUrl(hit.id, {q});
}

/** A hit's or listing item's title line parts: [number, title]. */
export function recordTitle(rec) {
	if (rec.kind === 'provision') {
		const art = `Điều ${rec.number}${rec.heading ? '. ' + rec.heading : ''}`;
		return [rec.doc_number || '', art];
	}
	if (rec.kind === 'codified') {
		const num = rec.codified && rec.codified.article_number;
		return [num ? `Điều ${num}` : '', rec.title || ''];
	}
	if (rec.kind === 'demuc' || rec.kind === 'chude')
		return [`${KINDS[rec.kind]} ${rec.number || ''}`, rec.title || ''];
	return [rec.doc_number || '', rec.title || rec.type || rec.id];
}

// ---- the citation box (every page's header) ----

/** Resolve TEXT (a citation or a document number) and go to the khoản,
 * article or document it names. */
export async function goToCitation(text, status) {
	status.textContent = '';
	const t = text.trim();
	if (!t) return;
	let res;
	try {
		res = await api('/v1/lookup', /(điều|dieu|khoản|khoan|điểm|diem)\s/i.test(t) ? {cite: t} : {number: t});
	} catch (e) {
		const near = e.problem && e.problem.candidates && e.problem.candidates[0];
		status.textContent = e.status === 404
			? `Không tìm thấy văn bản "${t}"${near ? `; gần nhất: ${near.doc_number || near.title}` : ''}.`
			: e.message;
		return;
	}
	const match = res.matches && res.matches[0];
	if (!match) return;
	const docId = match.document && match.document.id;
	// The page of the document has an anchor on every Điều, khoản and
	// điểm of its text, also on those the index keeps no entry for (a short
	// clause's points): the citation's own numbers make the anchor.
	const steps = [];
	if (match.article) steps.push(`d${String(match.article.number).toLowerCase()}`);
	if (match.article && match.clause) steps.push(`k${match.clause.number}`);
	if (match.article && match.point) steps.push(String(match.point.number));
	if (match.article && !match.article.found)
		status.textContent = `Văn bản không có Điều ${match.article.number}; mở văn bản.`;
	const anchor = match.article && match.article.found ? steps.join('-') : '';
	location.assign(recordUrl(docId, {anchor}));
}

const PAGES = [['index.html', 'Tra cứu'], ['thuvien.html', 'Tủ sách pháp luật'], ['phapdien.html', 'Bộ pháp điển'],
	['check.html', 'Kiểm tra dự thảo'], ['portal.html', 'Cho cổng thông tin']];

/** The header (brand, the pages, the citation box) and the footer of
 * every page, around its <main>; the current page is the one whose file
 * the URL names. */
export function initHeader() {
	const file = location.pathname.split('/').pop() || 'index.html';
	const input = el('input', {id: 'cite-input', type: 'text', autocomplete: 'off', spellcheck: 'false',
		placeholder: 'khoản 2 Điều 5 Nghị định 52/2015/NĐ-CP'});
	const status = el('p', {id: 'cite-status', class: 'cite-status', role: 'status', 'aria-live': 'polite'});
	const form = el('form', {id: 'cite-form', class: 'cite-form', 'aria-label': 'Đi tới trích dẫn'},
		el('label', {for: 'cite-input', class: 'visually-hidden'}, 'Trích dẫn hoặc số hiệu văn bản'),
		input, el('button', {type: 'submit', class: 'secondary'}, 'Đi tới'), status);
	form.addEventListener('submit', (ev) => {
		ev.preventDefault();
		goToCitation(input.value, status);
	});
	const header = el('header', {class: 'site-header'}, el('div', {class: 'inner'},
		el('a', {class: 'brand', href: 'index.html'}, 'tracuu', el('small', {}, 'Tra cứu văn bản pháp luật')),
		el('nav', {class: 'site-nav', 'aria-label': 'Các trang'}, el('ul', {},
			PAGES.map(([href, text]) => el('li', {}, el('a', {href, 'aria-current': href === file ? 'page' : null}, text))))),
		form));
	const footer = el('footer', {class: 'site-footer'}, el('div', {class: 'inner'},
		'tracuu — tra cứu toàn văn văn bản pháp luật và Bộ pháp điển. ',
		el('a', {href: '/v1/stats'}, 'Thống kê chỉ mục'), ' · ', el('a', {href: '/openapi.json'}, 'API'), ' · ',
		el('a', {href: '/v1/feed.atom'}, 'Atom')));
	document.body.prepend(el('a', {class: 'skip', href: '#main'}, 'Bỏ qua đến nội dung chính'), header);
	document.body.append(footer);
}

/** The parameters KEYS of the page's URL, the empty ones left out. */
export function readParams(keys) {
	const p = new URLSearchParams(location.search);
	const s = {};
	for (const k of keys) if (p.get(k)) s[k] = p.get(k);
	return s;
}

/** PATH with the state S as its query (KEYS in order; DEFAULTS left out). */
export function paramsUrl(path, keys, s, defaults = {page: '1'}) {
	const p = new URLSearchParams();
	for (const k of keys) if (s[k] && String(s[k]) !== defaults[k]) p.set(k, s[k]);
	return path + (p.toString() ? '?' + p : '');
}

/** Links to this page with another state change the URL and call
 * RENDER(link) instead of loading the page again; Back and Forward call
 * RENDER(null). */
export function routeLinks(render) {
	document.addEventListener('click', (ev) => {
		const a = ev.target.closest('a[href]');
		if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
		const url = new URL(a.href);
		if (url.origin !== location.origin || url.pathname !== location.pathname) return;
		ev.preventDefault();
		history.pushState(null, '', url.pathname + url.search);
		render(a);
	});
	window.addEventListener('popstate', () => render(null));
}

/** A page of results: links to pages 1..N around CURRENT. HREF(page) gives each link. */
export function pager(current, total, perPage, href, maxPages = 100) {
	const pages = Math.min(Math.ceil(total / perPage), maxPages);
	if (pages <= 1) return null;
	const nav = el('nav', {'aria-label': 'Trang kết quả'});
	const list = el('ul', {class: 'pager'});
	const item = (p, text, rel) => el('li', {}, p === current && !rel
		? el('span', {'aria-current': 'page'}, text)
		: el('a', {href: href(p), rel, 'data-page': p}, text));
	if (current > 1) list.append(item(current - 1, '‹ Trước', 'prev'));
	const from = Math.max(1, current - 3), to = Math.min(pages, current + 3);
	if (from > 1) list.append(item(1, '1'));
	if (from > 2) list.append(el('li', {}, el('span', {'aria-hidden': 'true'}, '…')));
	for (let p = from; p <= to; p++) list.append(item(p, String(p)));
	if (to < pages - 1) list.append(el('li', {}, el('span', {'aria-hidden': 'true'}, '…')));
	if (to < pages) list.append(item(pages, String(pages)));
	if (current < pages) list.append(item(current + 1, 'Sau ›', 'next'));
	nav.append(list);
	return nav;
}

/** Names of the codification's chủ đề by number (fetched once). */
let topicNames = null;
export async function topics() {
	if (!topicNames) {
		topicNames = {};
		try {
			const res = await api('/v1/codification');
			for (const t of res.topics || []) topicNames[t.number] = t.name;
		} catch (e) {
			// labels only: the numbers stand in
		}
	}
	return topicNames;
}
