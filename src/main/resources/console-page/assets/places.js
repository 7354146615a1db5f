// Where people live, for the members' and residents' filters: a community's grids (网格) with their buildings (微网格),
// read from the organisation tree (社区 → 党总支 → 网格党支部 → 党小组 → 微网格; graphql/organization.graphqls), and a
// street's communities for its administrator's picker. A small paging bar for Relay connections with totals.
import { h } from './ui.js';
import { gql } from './api.js';

// Bounded by the API's query cost (5 × 5 × 10 × 30 nodes): a community holds a few general branches, a handful of
// grid branches, three or four party groups each and a dozen buildings per group.
const TREE = `query Places($id: ID!) {
  community(id: $id) { id name children(first: 5) { edges { node { children(first: 5) { edges { node {
    ... on GridBranch { grid { id name } }
    children(first: 10) { edges { node { children(first: 30) { edges { node { id name } } } } } }
  } } } } } } }
}`;
const STREET = `query Street($id: ID!) { street(id: $id) { id name communities(first: 50) { edges { node { id name } } } } }`;

/** { id, name, grids: [{ id, name, buildings: [{ id, name }] }] }, grids and buildings by id. */
export async function communityPlaces(communityId) {
  const community = (await gql(TREE, { id: communityId })).community;
  const byId = (a, b) => a.id.localeCompare(b.id);
  const grids = community.children.edges.flatMap(({ node: general }) => general.children.edges.map(({ node: branch }) => ({
    ...branch.grid,
    buildings: branch.children.edges.flatMap(({ node: group }) => group.children.edges.map((e) => e.node)).sort(byId),
  })));
  return { id: community.id, name: community.name, grids: grids.filter((grid) => grid.id).sort(byId) };
}

/** { id, name, communities: [{ id, name }] } */
export async function streetCommunities(streetId) {
  const street = (await gql(STREET, { id: streetId })).street;
  return { id: street.id, name: street.name, communities: street.communities.edges.map((e) => e.node) };
}

/**
 * Forward cursors of a Relay list, kept so that 上一页 goes back: `at(n)` is the `after` of page n (0-based).
 */
export function pager(size) {
  return { size, page: 0, cursors: [null], total: null, hasNext: false };
}

/** 第 1–20 条，共 96 条 · 上一页 · 下一页; `go(page)` loads that page. */
export function pagingBar(paging, rows, go, label) {
  const from = paging.page * paging.size + 1;
  return h('div', { class: 'paging', 'aria-label': label + '分页' }, [
    h('span', { class: 'total', 'data-total': paging.total ?? '' }, paging.total == null ? ''
      : rows === 0 ? `共 ${paging.total} 条` : `第 ${from}–${from + rows - 1} 条，共 ${paging.total} 条`),
    h('button', { type: 'button', class: 'secondary', disabled: paging.page === 0, onClick: () => go(paging.page - 1) }, '上一页'),
    h('button', { type: 'button', class: 'secondary', disabled: !paging.hasNext, onClick: () => go(paging.page + 1) }, '下一页'),
  ]);
}

/** After a page arrived: its total and where the next one starts. */
export function turned(paging, page, connection) {
  paging.page = page;
  paging.total = connection.totalCount;
  paging.hasNext = connection.pageInfo.hasNextPage;
  paging.cursors[page + 1] = connection.pageInfo.endCursor;
}
