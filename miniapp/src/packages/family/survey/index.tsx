import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { SurveyCard } from '../components/SurveyCard';

/**
 * 入户调查: the quarter's two questions asked face to face and entered by the contact person or
 * doctor. The family's own question card, sent as a face-to-face answer (counted apart from
 * answers in the app, shown to the family as 由…代办).
 */
export default function ActingSurvey() {
  const { params } = useRouter();
  const familyId = params.familyId ?? '';
  return (
    <View className="page">
      <View className="h1">入户调查</View>
      <View className="text-lg soft mb">请当面念给老人听，按老人自己的回答选择。每户每季度一次。</View>
      <SurveyCard familyId={familyId} faceToFace />
    </View>
  );
}
