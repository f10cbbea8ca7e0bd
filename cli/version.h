/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KSB_VERSION_H
#define KSB_VERSION_H
#define KSB_VERSION "0.1.0"
#define KSB_SCHEMA "ksbench-result/1"
#endif
