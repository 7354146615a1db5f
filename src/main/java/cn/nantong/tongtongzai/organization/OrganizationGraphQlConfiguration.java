package cn.nantong.tongtongzai.organization;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

@Configuration(proxyBeanMethods = false)
class OrganizationGraphQlConfiguration {

    /** One Java type serves every level of the tree; GraphQL learns the concrete type from the level. */
    @Bean
    RuntimeWiringConfigurer orgNodeTypes() {
        return wiring -> wiring.type("OrgNode", type -> type.typeResolver(
                env -> env.getSchema().getObjectType(((OrgNode) env.getObject()).level().label())));
    }
}
