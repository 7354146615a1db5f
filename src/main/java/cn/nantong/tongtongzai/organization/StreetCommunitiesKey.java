package cn.nantong.tongtongzai.organization;

import cn.nantong.tongtongzai.platform.graphql.Page;

/** One street's page of communities, as requested inside a list of streets (batched, never N+1). */
record StreetCommunitiesKey(String streetId, Page page) {
}
