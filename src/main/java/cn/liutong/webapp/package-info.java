/**
 * What the Camunda webapps show people beyond Camunda's own screens: who is signed in, in the words of
 * the organisation (agency, unit, role), the time zone dates are shown in, and the user guide. Imports
 * {@code organisation} and {@code system} (the zone of {@code EngineClock}).
 */
package cn.liutong.webapp;
