// Building the page from data with DOM calls only: text goes in as text nodes and attribute values as
// values, never through an HTML parser (the Content-Security-Policy's Trusted Types forbid innerHTML).
const SVG = "http://www.w3.org/2000/svg";

function fill(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function el(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

export function svg(tag, attrs = {}, ...children) {
  return fill(document.createElementNS(SVG, tag), attrs, children);
}

export class ApiError extends Error {
  constructor(error) {
    super(error && error.reason ? (error.parameter ? `${error.parameter}: ${error.reason}` : error.reason) : "the server did not answer");
    this.error = error;
  }
}

export async function getJSON(url) {
  const response = await fetch(url, {headers: {accept: "application/json"}});
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    throw new ApiError(null);
  }
  if (!response.ok) throw new ApiError(body && body.error);
  return body;
}

export function eventHref(id) {
  return "/events/" + encodeURIComponent(id);
}
