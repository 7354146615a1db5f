// Reference data: the eight service-post categories (八类服务岗位) and a first set of skills, each under
// the category it serves. Editable: change names here only through a new migration.
UNWIND [
  {id: 'LEGAL_AID', name: '法律援助'},
  {id: 'POLICY_PUBLICITY', name: '政策宣传'},
  {id: 'HELP_THE_NEEDY', name: '帮扶助困'},
  {id: 'HEALTH_CARE', name: '健康医疗'},
  {id: 'CULTURE_EDUCATION', name: '文化教育'},
  {id: 'ENVIRONMENT', name: '环境整治'},
  {id: 'SAFETY_PATROL', name: '平安巡防'},
  {id: 'MEDIATION', name: '矛盾调解'}
] AS row
MERGE (c:PostCategory {id: row.id})
  ON CREATE SET c.name = row.name;

UNWIND [
  {id: 'legal_consulting', name: '法律咨询', category: 'LEGAL_AID'},
  {id: 'contract_review', name: '合同审查', category: 'LEGAL_AID'},
  {id: 'labour_dispute', name: '劳动维权', category: 'LEGAL_AID'},
  {id: 'policy_explaining', name: '政策解读', category: 'POLICY_PUBLICITY'},
  {id: 'social_security_advice', name: '社保咨询', category: 'POLICY_PUBLICITY'},
  {id: 'anti_fraud_publicity', name: '反诈宣传', category: 'POLICY_PUBLICITY'},
  {id: 'waste_sorting_publicity', name: '垃圾分类宣传', category: 'ENVIRONMENT'},
  {id: 'greening', name: '绿化养护', category: 'ENVIRONMENT'},
  {id: 'cleaning', name: '环境清扫', category: 'ENVIRONMENT'},
  {id: 'plumbing_electrical', name: '水电维修', category: 'HELP_THE_NEEDY'},
  {id: 'appliance_repair', name: '家电维修', category: 'HELP_THE_NEEDY'},
  {id: 'errand_medicine', name: '代购送药', category: 'HELP_THE_NEEDY'},
  {id: 'elderly_visiting', name: '探访老人', category: 'HELP_THE_NEEDY'},
  {id: 'phone_teaching', name: '手机使用教学', category: 'HELP_THE_NEEDY'},
  {id: 'accompany_hospital', name: '陪诊', category: 'HEALTH_CARE'},
  {id: 'health_check', name: '健康体检', category: 'HEALTH_CARE'},
  {id: 'chronic_disease_care', name: '慢病管理', category: 'HEALTH_CARE'},
  {id: 'first_aid', name: '急救培训', category: 'HEALTH_CARE'},
  {id: 'psychological_counselling', name: '心理疏导', category: 'HEALTH_CARE'},
  {id: 'tutoring', name: '课业辅导', category: 'CULTURE_EDUCATION'},
  {id: 'calligraphy_painting', name: '书法绘画', category: 'CULTURE_EDUCATION'},
  {id: 'music_dance', name: '文艺演出', category: 'CULTURE_EDUCATION'},
  {id: 'reading_promotion', name: '阅读推广', category: 'CULTURE_EDUCATION'},
  {id: 'night_patrol', name: '夜间巡逻', category: 'SAFETY_PATROL'},
  {id: 'fire_safety', name: '消防安全检查', category: 'SAFETY_PATROL'},
  {id: 'traffic_guiding', name: '交通疏导', category: 'SAFETY_PATROL'},
  {id: 'neighbour_mediation', name: '邻里调解', category: 'MEDIATION'},
  {id: 'family_mediation', name: '家庭矛盾调解', category: 'MEDIATION'},
  {id: 'property_dispute_mediation', name: '物业纠纷调解', category: 'MEDIATION'}
] AS row
MATCH (c:PostCategory {id: row.category})
MERGE (s:Skill {id: row.id})
  ON CREATE SET s.name = row.name
MERGE (s)-[:SERVES]->(c);
