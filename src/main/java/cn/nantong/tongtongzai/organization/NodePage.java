package cn.nantong.tongtongzai.organization;

import cn.nantong.tongtongzai.platform.graphql.Page;

/** One node's page of children, requested inside a list (batched by level, never one query per node). */
record NodePage(OrgNode node, Page page) {
}
