package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CleanTextTest {

  @Test
  void ordinaryChineseTextWithLineBreaksAndEmojiIsClean() {
    assertThat(CleanText.problem("按期召开三会一课。\n第二行\t制表 👍")).isNull();
  }

  @Test
  void hiddenCharactersAreRefused() {
    assertThat(CleanText.problem("a\u0000b")).isEqualTo("含有控制字符");
    assertThat(CleanText.problem("a\u0085b")).isEqualTo("含有控制字符");
    assertThat(CleanText.problem("\u202eabc")).isEqualTo("含有文字方向控制符");
    assertThat(CleanText.problem("abc\u2067")).isEqualTo("含有文字方向控制符");
    assertThat(CleanText.problem("a\u200bb")).isEqualTo("含有零宽字符");
    assertThat(CleanText.problem("a\ufeffb")).isEqualTo("含有零宽字符");
    assertThat(CleanText.problem("a\ud800b")).isEqualTo("含有无效的字符编码");
    assertThat(CleanText.problem("a\udc00")).isEqualTo("含有无效的字符编码");
  }

  @Test
  void jsonMustParseOnceWithoutHiddenCharacters() {
    assertThat(CleanText.jsonProblem("[{\"name\":\"目标\"}]")).isNull();
    assertThat(CleanText.jsonProblem("{\"a\":1,\"a\":2}")).isEqualTo("含有重复的键");
    assertThat(CleanText.jsonProblem("[1,")).isEqualTo("不是有效的JSON");
    assertThat(CleanText.jsonProblem("[\"\\u202e\"]")).isNotNull();
  }
}
