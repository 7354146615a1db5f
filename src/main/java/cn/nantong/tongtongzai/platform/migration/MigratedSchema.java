package cn.nantong.tongtongzai.platform.migration;

import java.util.List;

/** Proof that the schema migrations have run; inject it to start after them. */
public record MigratedSchema(List<Migration> appliedAtStartup) {
}
