package cn.liutong.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a process constant: a variable the code writes and reads itself, carried by the engine between two
 * delegates; no model, form or decision table names it. The model-names test checks that it stays so.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface CodeOnly {
}
