package cn.nantong.tongtongzai.matching;

import java.util.List;
import java.util.Map;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.matching.MatchingController.MatchScore;
import cn.nantong.tongtongzai.matching.TaskMenu.MenuItem;
import cn.nantong.tongtongzai.member.Member;
import cn.nantong.tongtongzai.task.Task;
import cn.nantong.tongtongzai.task.TaskService;

import static cn.nantong.tongtongzai.platform.graphql.Batches.join;

/** graphql/matching.graphqls: Member.taskMenu. */
@Controller
class TaskMenuController {

    private final TaskMenu menus;
    private final TaskService tasks;

    TaskMenuController(TaskMenu menus, TaskService tasks) {
        this.menus = menus;
        this.tasks = tasks;
    }

    @SchemaMapping(typeName = "Member", field = "taskMenu")
    List<MenuItem> taskMenu(Member member, @Argument Integer first, @Argument Boolean fitOnly) {
        return menus.menu(member.id(), first, fitOnly);
    }

    @BatchMapping(typeName = "MenuItem")
    Map<MenuItem, Task> task(List<MenuItem> items) {
        return join(items, MenuItem::taskId, tasks.tasks(items.stream().map(MenuItem::taskId).distinct().toList()));
    }

    @SchemaMapping(typeName = "MenuItem")
    MatchScore score(MenuItem item) {
        return new MatchScore(item.hard(), item.medium(), item.soft());
    }
}
