// More of the words residents use (issue 6), found by reading the labelled requests the classifier missed:
// conflict words for mediation, fire and flood words for safety, and fewer over-general ones (孩子 alone
// does not mean child care). Idempotent: each list is rebuilt without the words, then given them.
UNWIND [
  {id: 'legal_consulting', add: ['借条', '欠条', '仲裁', '撤销', '法律援助', '违法', '合法', '追回', '法律问题', '法律途径', '律师费'], remove: []},
  {id: 'labour_dispute', add: ['克扣', '劳动仲裁', '包工头', '补偿'], remove: []},
  {id: 'consumer_rights', add: ['维权', '网购', '过期食品', '押金'], remove: []},
  {id: 'marriage_family_law', add: ['离婚'], remove: []},
  {id: 'social_security_advice', add: ['工伤保险', '失业保险', '缴费多少', '退休手续', '公积金'], remove: []},
  {id: 'medical_insurance_advice', add: ['居民医保', '生育'], remove: []},
  {id: 'elderly_benefits_advice', add: ['补贴', '养老政策', '八十岁', '高龄'], remove: []},
  {id: 'policy_explaining', add: ['入学政策', '政策解读', '救助', '扶持', '优待', '低保', '新规'], remove: []},
  {id: 'employment_advice', add: ['求职', '创业'], remove: []},
  {id: 'tutoring', add: ['补课', '作文', '物理', '化学', '中考', '高考', '志愿填报', '辅导班', '成绩', '围棋', '下棋'], remove: []},
  {id: 'music_dance', add: ['电子琴', '钢琴', '二胡', '广场舞培训', '节目', '文艺'], remove: []},
  {id: 'science_popularisation', add: ['编程', '科技'], remove: []},
  {id: 'photography', add: ['拍一张', '修图'], remove: []},
  {id: 'cleaning', add: ['杂物', '淤泥', '卫生死角', '美化环境', '环境卫生', '发臭', '清理'], remove: []},
  {id: 'garbage_clearing', add: ['装修垃圾', '乱扔', '烟头'], remove: []},
  {id: 'illegal_ad_removal', add: ['贴满', '电线杆'], remove: []},
  {id: 'fire_safety', add: ['充电', '电瓶车', '着火', '消防演练', '私拉电线', '灭火', '跑不出去'], remove: []},
  {id: 'gas_safety', add: ['燃气安全', '液化气罐', '管道'], remove: []},
  {id: 'night_patrol', add: ['监控', '门卫', '撬', '不安全', '陌生人', '围墙', '巡逻队'], remove: []},
  {id: 'flood_control', add: ['汛期', '淹了', '车库积水', '排不出去', '下大雨', '雨太大'], remove: []},
  {id: 'traffic_guiding', add: ['校门口', '红绿灯', '过马路'], remove: []},
  {id: 'anti_fraud_publicity', add: ['冒充', '打钱', '推销'], remove: []},
  {id: 'neighbour_mediation', add: ['吵起来', '吵翻', '协商', '谈不拢', '说不通', '骂人', '闹僵', '不道歉', '不可开交', '吵了', '协调', '占用'], remove: []},
  {id: 'family_mediation', add: ['儿媳', '兄妹', '兄弟', '老两口', '闹离婚', '劝劝', '对老人不好'], remove: []},
  {id: 'noise_mediation', add: ['声音太大', '跑跳', '吵得', '睡不着觉', 'KTV', '打麻将'], remove: []},
  {id: 'pet_dispute_mediation', add: ['遛狗不拴绳', '随地大小便', '宠物狗'], remove: []},
  {id: 'property_dispute_mediation', add: ['停车费', '业主'], remove: []},
  {id: 'child_care', add: ['带孩子', '接孩子'], remove: ['孩子', '小孩']},
  {id: 'home_cleaning', add: ['打扫不动'], remove: []},
  {id: 'appliance_repair', add: ['打不着火'], remove: []},
  {id: 'elderly_care', add: ['陪护'], remove: []},
  {id: 'accompany_hospital', add: ['住院陪护', '去医院'], remove: []},
  {id: 'health_check', add: ['体检报告', '医生', '发烧', '头晕'], remove: []},
  {id: 'first_aid', add: ['摔倒', '急救'], remove: []},
  {id: 'rehabilitation', add: ['产后恢复', '康复'], remove: []},
  {id: 'chronic_disease_care', add: ['并发症', '定期检查'], remove: []}
] AS row
MATCH (s:Skill {id: row.id})
SET s.keywords = [k IN coalesce(s.keywords, []) WHERE NOT k IN row.add AND NOT k IN row.remove] + row.add;
