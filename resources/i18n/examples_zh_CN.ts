<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>examples</name>
    <message>
        <source>Article 1 · BCELoss: cat/dog and multi-label</source>
        <translation>文章 1 · BCELoss：猫/狗与多标签</translation>
    </message>
    <message>
        <source>BCELoss on sigmoid(logits), cat/dog batch</source>
        <translation>对 sigmoid(logits) 使用 BCELoss，猫/狗批次</translation>
    </message>
    <message>
        <source>Three logits [-0.8, 0.7, 0.5] for labels [dog, cat, cat] = [1, 0, 0]: sigmoid gives [0.3100, 0.6682, 0.6225]; the losses are [1.1711, 1.1032, 0.9741], their sum 3.2484 and mean 1.0828 (switch the reduction).</source>
        <translation>三个 logits [-0.8, 0.7, 0.5]，标签 [狗, 猫, 猫] = [1, 0, 0]：sigmoid 得到 [0.3100, 0.6682, 0.6225]；损失为 [1.1711, 1.1032, 0.9741]，求和 3.2484，平均 1.0828（可切换归约方式）。</translation>
    </message>
    <message>
        <source>sigmoid(predict)</source>
        <translation>sigmoid(predict)</translation>
    </message>
    <message>
        <source>BCELoss(reduction=&apos;none&apos;)</source>
        <translation>BCELoss(reduction=&apos;none&apos;)</translation>
    </message>
    <message>
        <source>BCELoss(reduction=&apos;sum&apos;)</source>
        <translation>BCELoss(reduction=&apos;sum&apos;)</translation>
    </message>
    <message>
        <source>BCELoss(reduction=&apos;mean&apos;)</source>
        <translation>BCELoss(reduction=&apos;mean&apos;)</translation>
    </message>
    <message>
        <source>BCEWithLogitsLoss, cat/dog batch</source>
        <translation>BCEWithLogitsLoss，猫/狗批次</translation>
    </message>
    <message>
        <source>The same batch with the sigmoid built into the loss: identical numbers (1.1711, 1.1032, 0.9741; sum 3.2484; mean 1.0828).</source>
        <translation>同一批次，sigmoid 内置于损失函数中：数值完全相同（1.1711, 1.1032, 0.9741；求和 3.2484；平均 1.0828）。</translation>
    </message>
    <message>
        <source>BCEWithLogitsLoss(reduction=&apos;none&apos;)</source>
        <translation>BCEWithLogitsLoss(reduction=&apos;none&apos;)</translation>
    </message>
    <message>
        <source>BCEWithLogitsLoss(reduction=&apos;sum&apos;)</source>
        <translation>BCEWithLogitsLoss(reduction=&apos;sum&apos;)</translation>
    </message>
    <message>
        <source>BCEWithLogitsLoss(reduction=&apos;mean&apos;)</source>
        <translation>BCEWithLogitsLoss(reduction=&apos;mean&apos;)</translation>
    </message>
    <message>
        <source>Multi-label: BCEWithLogitsLoss, 2 images × 3 labels</source>
        <translation>多标签：BCEWithLogitsLoss，2 张图像 × 3 个标签</translation>
    </message>
    <message>
        <source>Cat/dog/person present or not in two images: the mean of six binary losses is 0.9995.</source>
        <translation>两张图像中是否出现猫/狗/人：六个二分类损失的平均值为 0.9995。</translation>
    </message>
    <message>
        <source>sigmoid of the first sample [-0.8, 0.7, 0.5]</source>
        <translation>第一个样本 [-0.8, 0.7, 0.5] 的 sigmoid</translation>
    </message>
    <message>
        <source>A slip in the article: [0.7311, 0.5000, 0.5000] is the sigmoid of the labels [1, 0, 0], not of the predictions [-0.8, 0.7, 0.5]; sigmoid([-0.8, 0.7, 0.5]) is [0.3100, 0.6682, 0.6225] (the numbers of the article&apos;s own cat/dog example). Its loss 0.9995 is right: torch never saw the slip.</source>
        <translation>文章中的笔误：[0.7311, 0.5000, 0.5000] 是标签 [1, 0, 0] 的 sigmoid，而不是预测值 [-0.8, 0.7, 0.5] 的；sigmoid([-0.8, 0.7, 0.5]) 是 [0.3100, 0.6682, 0.6225]（即文章自己的猫/狗示例中的数值）。它的损失 0.9995 是对的：torch 从未见到这个笔误。</translation>
    </message>
    <message>
        <source>Multi-label: MultiLabelSoftMarginLoss</source>
        <translation>多标签：MultiLabelSoftMarginLoss</translation>
    </message>
    <message>
        <source>The same batch: MultiLabelSoftMarginLoss averages per image and gives the same 0.9995.</source>
        <translation>同一批次：MultiLabelSoftMarginLoss 按每张图像求平均，结果同样是 0.9995。</translation>
    </message>
    <message>
        <source>MultiLabelSoftMarginLoss(reduction=&apos;mean&apos;)</source>
        <translation>MultiLabelSoftMarginLoss(reduction=&apos;mean&apos;)</translation>
    </message>
    <message>
        <source>Article 2 · BCE, BCEWithLogits and KL distillation</source>
        <translation>文章 2 · BCE、BCEWithLogits 与 KL 蒸馏</translation>
    </message>
    <message>
        <source>BCELoss on sigmoid of the same numbers</source>
        <translation>对同样数值的 sigmoid 使用 BCELoss</translation>
    </message>
    <message>
        <source>Read the numbers as logits (sigmoid first): 0.7678, exactly what BCEWithLogitsLoss gives.</source>
        <translation>把这些数值当作 logits（先做 sigmoid）：0.7678，与 BCEWithLogitsLoss 的结果完全一致。</translation>
    </message>
    <message>
        <source>s(pred), the sigmoid</source>
        <translation>s(pred)，即 sigmoid</translation>
    </message>
    <message>
        <source>nn.BCELoss on s(pred)</source>
        <translation>对 s(pred) 使用 nn.BCELoss</translation>
    </message>
    <message>
        <source>BCELoss on probabilities</source>
        <translation>对概率使用 BCELoss</translation>
    </message>
    <message>
        <source>The same probabilities without weights: 0.5912 (nn.BCELoss and F.binary_cross_entropy agree).</source>
        <translation>同样的概率，不加权重：0.5912（nn.BCELoss 与 F.binary_cross_entropy 一致）。</translation>
    </message>
    <message>
        <source>nn.BCELoss(reduction=&apos;mean&apos;)</source>
        <translation>nn.BCELoss(reduction=&apos;mean&apos;)</translation>
    </message>
    <message>
        <source>F.binary_cross_entropy with a per-element weight</source>
        <translation>带逐元素权重的 F.binary_cross_entropy</translation>
    </message>
    <message>
        <source>Probabilities [[0.5, 1.0, 0.8], [0.2, 0.4, 0.6]] (raw mode), one-hot targets and weights [[0.1, 0.9, 0.1], [0.1, 0.1, 0.9]]: 0.1272.</source>
        <translation>概率 [[0.5, 1.0, 0.8], [0.2, 0.4, 0.6]]（raw 模式）、one-hot 目标和权重 [[0.1, 0.9, 0.1], [0.1, 0.1, 0.9]]：0.1272。</translation>
    </message>
    <message>
        <source>F.binary_cross_entropy(input, target, weight=weight)</source>
        <translation>F.binary_cross_entropy(input, target, weight=weight)</translation>
    </message>
    <message>
        <source>BCELoss refuses values outside [0, 1]</source>
        <translation>BCELoss 拒绝 [0, 1] 之外的值</translation>
    </message>
    <message>
        <source>The same [[5, 1, 8], [2, 4, 6]] given to BCELoss as probabilities (raw mode): torch raises &apos;all elements of input should be between 0 and 1&apos;. Switch the input to logits to see 3.2446.</source>
        <translation>把同样的 [[5, 1, 8], [2, 4, 6]] 作为概率交给 BCELoss（raw 模式）：torch 报错 &apos;all elements of input should be between 0 and 1&apos;。把输入切换为 logits 可看到 3.2446。</translation>
    </message>
    <message>
        <source>The article says BCELoss raises for values outside [0, 1] (“否则会报错”) but prints no error; torch&apos;s message is shown in the results.</source>
        <translation>文章说 BCELoss 遇到 [0, 1] 之外的值会报错（“否则会报错”），但没有打印错误信息；torch 的报错显示在结果中。</translation>
    </message>
    <message>
        <source>BCEWithLogitsLoss accepts any real logits</source>
        <translation>BCEWithLogitsLoss 接受任意实数 logits</translation>
    </message>
    <message>
        <source>Logits [[5, 1, 8], [2, 4, 6]] are fine for BCEWithLogitsLoss: 3.2446.</source>
        <translation>logits [[5, 1, 8], [2, 4, 6]] 对 BCEWithLogitsLoss 没有问题：3.2446。</translation>
    </message>
    <message>
        <source>nn.BCEWithLogitsLoss(reduction=&apos;mean&apos;)</source>
        <translation>nn.BCEWithLogitsLoss(reduction=&apos;mean&apos;)</translation>
    </message>
    <message>
        <source>BCEWithLogitsLoss on the same numbers</source>
        <translation>对同样的数值使用 BCEWithLogitsLoss</translation>
    </message>
    <message>
        <source>The sigmoid inside the loss: 0.7678, as BCELoss on sigmoid.</source>
        <translation>sigmoid 在损失函数内部：0.7678，与对 sigmoid 结果使用 BCELoss 相同。</translation>
    </message>
    <message>
        <source>KLDivLoss for distillation (batchmean)</source>
        <translation>用于蒸馏的 KLDivLoss（batchmean）</translation>
    </message>
    <message>
        <source>Student logits [[0.5, 1.0, 0.8], [0.2, 0.4, 0.6]] through log-softmax against teacher probabilities: 0.0578 per sample.</source>
        <translation>学生模型的 logits [[0.5, 1.0, 0.8], [0.2, 0.4, 0.6]] 经 log-softmax 后与教师模型的概率比较：每个样本 0.0578。</translation>
    </message>
    <message>
        <source>probs = softmax(logits, dim=1)</source>
        <translation>probs = softmax(logits, dim=1)</translation>
    </message>
    <message>
        <source>F.kl_div(torch.log(probs), target_probs, reduction=&apos;batchmean&apos;)</source>
        <translation>F.kl_div(torch.log(probs), target_probs, reduction=&apos;batchmean&apos;)</translation>
    </message>
    <message>
        <source>Article 3 · softmax vs sigmoid cross-entropy</source>
        <translation>文章 3 · softmax 与 sigmoid 交叉熵</translation>
    </message>
    <message>
        <source>BCEWithLogitsLoss: the same logits, one-hot [0, 1, 0]</source>
        <translation>BCEWithLogitsLoss：同样的 logits，one-hot [0, 1, 0]</translation>
    </message>
    <message>
        <source>Three independent binary losses averaged: 0.9733, not the 0.0486 a softmax-style reading would suggest.</source>
        <translation>三个独立的二分类损失取平均：0.9733，而不是按 softmax 方式理解所得的 0.0486。</translation>
    </message>
    <message>
        <source>torch.sigmoid(logits)</source>
        <translation>torch.sigmoid(logits)</translation>
    </message>
    <message>
        <source>nn.BCEWithLogitsLoss()(logits, true_label)</source>
        <translation>nn.BCEWithLogitsLoss()(logits, true_label)</translation>
    </message>
    <message>
        <source>loss_2, the term of class 2 (label 0)</source>
        <translation>loss_2，类别 2 的项（标签 0）</translation>
    </message>
    <message>
        <source>A slip in the article&apos;s hand calculation: for label 0 the binary term is log(1 - p), so loss_2 = -(0*log(0.5250) + (1-0)*log(1-0.5250)) = -log(0.4750) = 0.7444. As written (log(0.5250), and a misplaced bracket) it would give -0.6444 and a mean of 0.5104; the article&apos;s 0.9733 and its own code use the right term.</source>
        <translation>文章手算中的笔误：标签为 0 时二元项是 log(1 - p)，所以 loss_2 = -(0*log(0.5250) + (1-0)*log(1-0.5250)) = -log(0.4750) = 0.7444。按文中写法（log(0.5250)，且括号位置有误）会得到 -0.6444，平均值为 0.5104；文章的 0.9733 和它自己的代码用的是正确的项。</translation>
    </message>
    <message>
        <source>err_loss = -log(0.9526), the &apos;wrong&apos; softmax-style reading</source>
        <translation>err_loss = -log(0.9526)，“错误的” softmax 式理解</translation>
    </message>
    <message>
        <source>Printed on purpose as the wrong reading: -log(0.9526) is the binary term of class 1 alone; BCEWithLogitsLoss averages all three terms (0.9733).</source>
        <translation>作为错误理解而特意打印：-log(0.9526) 只是类别 1 的二元项；BCEWithLogitsLoss 对三项取平均（0.9733）。</translation>
    </message>
    <message>
        <source>CrossEntropyLoss: logits [2, 3, 0.1], class 1</source>
        <translation>CrossEntropyLoss：logits [2, 3, 0.1]，类别 1</translation>
    </message>
    <message>
        <source>Softmax gives [0.2585, 0.7028, 0.0387]; the loss is -log 0.7028 = 0.3527. (The article&apos;s BCEWithLogitsLoss with the class index [1] as target fails with a size mismatch: switch the loss to BCEWithLogitsLoss to see torch&apos;s error and the one-hot fix — or open the one-hot example.)</source>
        <translation>softmax 得到 [0.2585, 0.7028, 0.0387]；损失为 -log 0.7028 = 0.3527。（文章中以类别索引 [1] 为目标的 BCEWithLogitsLoss 会因大小不匹配而失败：把损失函数切换为 BCEWithLogitsLoss 可看到 torch 的报错和 one-hot 修正，或打开 one-hot 示例。）</translation>
    </message>
    <message>
        <source>torch.softmax(logits, dim=1)</source>
        <translation>torch.softmax(logits, dim=1)</translation>
    </message>
    <message>
        <source>nn.CrossEntropyLoss()(logits, label)</source>
        <translation>nn.CrossEntropyLoss()(logits, label)</translation>
    </message>
    <message>
        <source>Article 4 · NLLLoss, CrossEntropyLoss and BCE compared</source>
        <translation>文章 4 · NLLLoss、CrossEntropyLoss 与 BCE 对比</translation>
    </message>
    <message>
        <source>CrossEntropyLoss: 3 samples × 5 classes</source>
        <translation>CrossEntropyLoss：3 个样本 × 5 个类别</translation>
    </message>
    <message>
        <source>Fixed numbers for the article&apos;s torch.randn(3, 5) batch with targets [3, 0, 2]: 0.7150.</source>
        <translation>为文章中 torch.randn(3, 5) 批次固定数值，目标为 [3, 0, 2]：0.7150。</translation>
    </message>
    <message>
        <source>The article&apos;s tensors come from torch.randn, so it prints no numbers; this example fixes them.</source>
        <translation>文章的张量来自 torch.randn，所以没有打印数值；本示例把它们固定下来。</translation>
    </message>
    <message>
        <source>NLLLoss on log_softmax = CrossEntropyLoss</source>
        <translation>对 log_softmax 使用 NLLLoss = CrossEntropyLoss</translation>
    </message>
    <message>
        <source>The same batch through log-softmax and NLLLoss: the same value as CrossEntropyLoss, 0.7150.</source>
        <translation>同一批次经过 log-softmax 和 NLLLoss：与 CrossEntropyLoss 的值相同，0.7150。</translation>
    </message>
    <message>
        <source>Article 5 · built-in losses: BCE weight, L1/MSE/SmoothL1, NLL</source>
        <translation>文章 5 · 内置损失函数：BCE 权重、L1/MSE/SmoothL1、NLL</translation>
    </message>
    <message>
        <source>BCELoss weight of shape (5,): whole columns</source>
        <translation>形状为 (5,) 的 BCELoss 权重：整列</translation>
    </message>
    <message>
        <source>A (5,) weight [1, 1, 0, 0, 0] broadcasts over columns: only the first two classes count. Shown broadcast to the (4, 5) grid.</source>
        <translation>形状为 (5,) 的权重 [1, 1, 0, 0, 0] 沿列广播：只有前两个类别计入。这里显示为广播到 (4, 5) 表格后的样子。</translation>
    </message>
    <message>
        <source>The article prints its results for a torch.randn batch that cannot be reproduced; this example fixes the numbers (the zero pattern of the weights is the article&apos;s).</source>
        <translation>文章打印的是一个无法复现的 torch.randn 批次的结果；本示例固定了数值（权重中零的位置与文章一致）。</translation>
    </message>
    <message>
        <source>BCELoss weight of shape (4, 1): whole rows</source>
        <translation>形状为 (4, 1) 的 BCELoss 权重：整行</translation>
    </message>
    <message>
        <source>A (4, 1) weight [[0], [0], [1], [1]] broadcasts over each row: the first two samples count for nothing. Shown here broadcast to the (4, 5) grid. (A (4,) weight cannot broadcast to (4, 5): torch raises.)</source>
        <translation>形状为 (4, 1) 的权重 [[0], [0], [1], [1]] 沿每行广播：前两个样本完全不计入。这里显示为广播到 (4, 5) 表格后的样子。（形状为 (4,) 的权重无法广播到 (4, 5)：torch 会报错。）</translation>
    </message>
    <message>
        <source>L1Loss: mean absolute error</source>
        <translation>L1Loss：平均绝对误差</translation>
    </message>
    <message>
        <source>The same residuals: mean 1.05.</source>
        <translation>同样的残差：平均值 1.05。</translation>
    </message>
    <message>
        <source>The article explains this loss in words and formula images and prints no numbers; the example&apos;s batch is lossgui&apos;s.</source>
        <translation>文章用文字和公式图片讲解这个损失函数，没有打印数值；示例中的批次由 lossgui 提供。</translation>
    </message>
    <message>
        <source>MSELoss: mean squared error</source>
        <translation>MSELoss：均方误差</translation>
    </message>
    <message>
        <source>The same residuals: mean 1.635.</source>
        <translation>同样的残差：平均值 1.635。</translation>
    </message>
    <message>
        <source>NLLLoss with class weights and ignore_index</source>
        <translation>带类别权重和 ignore_index 的 NLLLoss</translation>
    </message>
    <message>
        <source>weight [1, 2, 0.5], ignore_index = 1: the mean divides by the summed weights of the counted targets only: 0.4800.</source>
        <translation>weight [1, 2, 0.5]，ignore_index = 1：平均值只除以被计入目标的权重之和：0.4800。</translation>
    </message>
    <message>
        <source>SmoothL1Loss: squared below beta = 1, linear above</source>
        <translation>SmoothL1Loss：beta = 1 以下为平方，以上为线性</translation>
    </message>
    <message>
        <source>Residuals [0.2, -0.5, 1.5, 2.0]: losses [0.02, 0.125, 1.0, 1.5].</source>
        <translation>残差 [0.2, -0.5, 1.5, 2.0]：损失 [0.02, 0.125, 1.0, 1.5]。</translation>
    </message>
    <message>
        <source>Loss families</source>
        <translation>损失函数族</translation>
    </message>
    <message>
        <source>Binary: BCEWithLogitsLoss with pos_weight = 3</source>
        <translation>二分类：BCEWithLogitsLoss，pos_weight = 3</translation>
    </message>
    <message>
        <source>pos_weight multiplies the loss of positive targets, for rare positives.</source>
        <translation>pos_weight 放大正目标的损失，用于正样本稀少的情况。</translation>
    </message>
    <message>
        <source>Multi-class: CrossEntropyLoss, label_smoothing = 0.1</source>
        <translation>多分类：CrossEntropyLoss，label_smoothing = 0.1</translation>
    </message>
    <message>
        <source>Smoothing moves 10% of each target&apos;s mass evenly to all classes.</source>
        <translation>平滑把每个目标 10% 的概率质量平均分给所有类别。</translation>
    </message>
    <message>
        <source>Divergence: KLDivLoss, reduction = &apos;mean&apos;</source>
        <translation>散度：KLDivLoss，reduction = &apos;mean&apos;</translation>
    </message>
    <message>
        <source>&apos;mean&apos; divides by every element, not by the batch size; torch warns that &apos;batchmean&apos; gives the KL divergence (switch to compare).</source>
        <translation>&apos;mean&apos; 除以元素总数，而不是批大小；torch 会警告 &apos;batchmean&apos; 才给出 KL 散度（切换即可对比）。</translation>
    </message>
    <message>
        <source>Regression: HuberLoss, delta = 1</source>
        <translation>回归：HuberLoss，delta = 1</translation>
    </message>
    <message>
        <source>Quadratic near zero, linear for large residuals.</source>
        <translation>在零附近为二次，残差大时为线性。</translation>
    </message>
    <message>
        <source>Margin: MultiMarginLoss (multi-class hinge)</source>
        <translation>间隔：MultiMarginLoss（多分类 hinge）</translation>
    </message>
    <message>
        <source>Each wrong class must score at least margin below the right one.</source>
        <translation>每个错误类别的得分都必须比正确类别至少低一个间隔（margin）。</translation>
    </message>
    <message>
        <source>Ranking: MarginRankingLoss, margin = 0.5</source>
        <translation>排序：MarginRankingLoss，margin = 0.5</translation>
    </message>
    <message>
        <source>target 1 asks input1 to rank above input2 by the margin, -1 the reverse.</source>
        <translation>目标 1 要求 input1 比 input2 高出一个间隔，-1 则相反。</translation>
    </message>
    <message>
        <source>Ranking: TripletMarginLoss</source>
        <translation>排序：TripletMarginLoss</translation>
    </message>
    <message>
        <source>Pull the anchor towards the positive, push it from the negative.</source>
        <translation>把锚点拉向正样本，推离负样本。</translation>
    </message>
    <message>
        <source>Sequence: CTCLoss, 6 frames, labels [1, 2, 2]</source>
        <translation>序列：CTCLoss，6 帧，标签 [1, 2, 2]</translation>
    </message>
    <message>
        <source>CTC sums over every alignment of the labels to the frames; the repeated 2 needs a blank between its frames.</source>
        <translation>CTC 对标签到各帧的所有对齐方式求和；重复的 2 在其帧之间需要一个空白。</translation>
    </message>
    <message>
        <source>Multi-class: LinearCrossEntropyLoss, a tiny language-model head</source>
        <translation>多分类：LinearCrossEntropyLoss，一个很小的语言模型输出头</translation>
    </message>
    <message>
        <source>Hidden states (5 tokens × 4) times the 8-word output layer give the logits z; the loss is the cross-entropy of each next token.</source>
        <translation>隐藏状态（5 个词元 × 4）乘以 8 个词的输出层得到 logits z；损失是每个下一个词元的交叉熵。</translation>
    </message>
    <message>
        <source>Every loss</source>
        <translation>全部损失函数</translation>
    </message>
    <message>
        <source>CosineEmbeddingLoss: its default example</source>
        <translation>CosineEmbeddingLoss：默认示例</translation>
    </message>
    <message>
        <source>Cosine loss: similar pairs (y=1) should align, dissimilar ones not.</source>
        <translation>余弦损失：相似的一对（y=1）应当方向一致，不相似的则不应如此。</translation>
    </message>
    <message>
        <source>GaussianNLLLoss: its default example</source>
        <translation>GaussianNLLLoss：默认示例</translation>
    </message>
    <message>
        <source>Negative log-likelihood of a target under N(input, var).</source>
        <translation>目标在 N(input, var) 下的负对数似然。</translation>
    </message>
    <message>
        <source>HingeEmbeddingLoss: its default example</source>
        <translation>HingeEmbeddingLoss：默认示例</translation>
    </message>
    <message>
        <source>x for similar pairs (y=1), max(0, margin - x) for dissimilar (y=-1).</source>
        <translation>相似的一对（y=1）取 x，不相似的（y=-1）取 max(0, margin - x)。</translation>
    </message>
    <message>
        <source>LogCoshLoss: its default example</source>
        <translation>LogCoshLoss：默认示例</translation>
    </message>
    <message>
        <source>log(cosh(x - y)): quadratic near 0, linear for large errors.</source>
        <translation>log(cosh(x - y))：0 附近为二次，误差大时为线性。</translation>
    </message>
    <message>
        <source>MultiLabelMarginLoss: its default example</source>
        <translation>MultiLabelMarginLoss：默认示例</translation>
    </message>
    <message>
        <source>Multi-label hinge: each listed class must beat each unlisted one.</source>
        <translation>多标签 hinge：每个列出的类别都必须胜过每个未列出的类别。</translation>
    </message>
    <message>
        <source>PoissonNLLLoss: its default example</source>
        <translation>PoissonNLLLoss：默认示例</translation>
    </message>
    <message>
        <source>Negative log-likelihood of a Poisson target given its (log) rate.</source>
        <translation>给定（对数）速率时，泊松目标的负对数似然。</translation>
    </message>
    <message>
        <source>Poly1CrossEntropyLoss: its default example</source>
        <translation>Poly1CrossEntropyLoss：默认示例</translation>
    </message>
    <message>
        <source>Cross-entropy plus ε·(1 - p_t): the Poly-1 loss (Leng et al. 2022).</source>
        <translation>交叉熵加上 ε·(1 - p_t)：Poly-1 损失（Leng 等，2022）。</translation>
    </message>
    <message>
        <source>SoftDiceLoss: its default example</source>
        <translation>SoftDiceLoss：默认示例</translation>
    </message>
    <message>
        <source>1 - soft Dice overlap per sample, on probabilities.</source>
        <translation>1 减去每个样本的软 Dice 重叠度，作用于概率。</translation>
    </message>
    <message>
        <source>SoftMarginLoss: its default example</source>
        <translation>SoftMarginLoss：默认示例</translation>
    </message>
    <message>
        <source>Logistic loss on ±1 labels: a smooth hinge on y·x.</source>
        <translation>±1 标签上的逻辑斯谛损失：y·x 上的平滑 hinge。</translation>
    </message>
    <message>
        <source>SquaredHingeLoss: its default example</source>
        <translation>SquaredHingeLoss：默认示例</translation>
    </message>
    <message>
        <source>max(0, margin - y·x)²: the L2-SVM loss for labels ±1.</source>
        <translation>max(0, margin - y·x)²：用于 ±1 标签的 L2-SVM 损失。</translation>
    </message>
    <message>
        <source>TripletMarginWithDistanceLoss: its default example</source>
        <translation>TripletMarginWithDistanceLoss：默认示例</translation>
    </message>
    <message>
        <source>Triplet margin loss with a chosen distance function.</source>
        <translation>使用自选距离函数的三元组间隔损失。</translation>
    </message>
    <message>
        <source>sigmoid_focal_loss: its default example</source>
        <translation>sigmoid_focal_loss：默认示例</translation>
    </message>
    <message>
        <source>Focal loss (torchvision): BCE with logits scaled by (1 - p_t)^γ.</source>
        <translation>Focal 损失（torchvision）：以 (1 - p_t)^γ 缩放的带 logits 的 BCE。</translation>
    </message>
</context>
</TS>
