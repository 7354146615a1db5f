package cn.nantong.tongtongzai.platform.security;

import java.util.ArrayList;
import java.util.List;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.StartupRefusedException;

/** A query, mutation or subscription without an access rule would be open to every signed-in user: refuse to start. */
@Component
class AccessPolicyCheck implements SmartInitializingSingleton {

    private final GraphQlSource graphQl;

    AccessPolicyCheck(GraphQlSource graphQl) {
        this.graphQl = graphQl;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> missing = new ArrayList<>();
        for (GraphQLObjectType root : new GraphQLObjectType[] {graphQl.schema().getQueryType(),
                graphQl.schema().getMutationType(), graphQl.schema().getSubscriptionType()}) {
            if (root == null) {
                continue;
            }
            for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
                if (!AccessPolicy.hasRootRule(root.getName(), field.getName())) {
                    missing.add(root.getName() + "." + field.getName());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new StartupRefusedException("These fields have no access rule: " + String.join(", ", missing) + ".",
                    "Add a rule for each to AccessPolicy.");
        }
    }
}
